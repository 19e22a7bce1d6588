package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.image.ImagePreprocessor;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.zeroshot.ZeroShot;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.sparql.prompts.Templates;
import org.dermkg.zeroshot.classify.Classifier;
import org.dermkg.zeroshot.model.LazyModel;

/**
 * {@code POST /api/classify?set=HAM10000&k=5} (or any prompt selection; none: every level of the
 * hierarchy) with the image as the request body ({@code Content-Type: image/jpeg}, png, gif or
 * bmp). Uploads are untrusted: the type is checked (415), the body is cut at the upload limit
 * (413), the header's pixel count is checked before decoding (decompression bombs), and anything
 * that does not decode is a 400. No model is a 503, a model that does not load a 500. {@code
 * model=SLUG} picks one of the served models (400 naming them when unknown; default: the first).
 */
final class ClassifyServlet extends RouteServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/bmp", "application/octet-stream");

  private final transient ModelSettings models;
  private final transient Map<String, Classifier> classifiers = new java.util.HashMap<>();
  private final long maxBytes;

  /** One classifier per served model (prompts shared, class weights cached per model). */
  ClassifyServlet(PromptGenerator prompts, ModelSettings models) {
    this.models = models;
    this.maxBytes = models.maxUploadBytes();
    models
        .bySlug()
        .forEach(
            (slug, m) -> classifiers.put(slug, new Classifier(prompts, m.model(), m.cacheDir())));
  }

  @Override
  String wrongMethod() {
    return "POST the image as the request body";
  }

  @Override
  List<Route> routes() {
    return List.of(Route.post("/api/classify", this::classify));
  }

  private Reply classify(Call c) throws IOException {
    byte[] body = upload(c);
    ModelSettings.Served served = models.pick(c.param("model"));
    LazyModel model = served.model();
    Classifier classifier = classifiers.get(served.slug());
    if (!model.present()) {
      throw new EmbeddingsException(
          EmbeddingsException.Code.MODEL_MISSING,
          "this server has no model (export one: README, DermLIP models)");
    }
    Map<String, List<String>> params = c.params();
    params.remove("k");
    params.remove("model");
    int k = c.k(5, 1000);
    ClipModel clip = model.get();
    float[] pixels =
        clip.preprocessor().preprocess(ImagePreprocessor.decode(body, "the uploaded image"));
    float[] emb = clip.encodeImages(new float[][] {pixels})[0];
    ObjectNode out = TermJson.MAPPER.createObjectNode();
    out.put("k", k);
    boolean hierarchy =
        params.keySet().stream().allMatch(n -> n.equals("strategies") || n.equals("templates"));
    if (hierarchy) {
      List<String> st = params.getOrDefault("strategies", List.of("name"));
      List<String> tp = params.getOrDefault("templates", List.of(Templates.DEFAULT));
      Classifier.HierarchyResult r =
          classifier.hierarchy(emb, k, Strategy.parse(st.get(0)), Templates.builtIn(tp.get(0)));
      ArrayNode levels = out.putArray("levels");
      for (Classifier.LevelResult l : r.levels()) {
        ObjectNode n = levels.addObject();
        n.put("level", l.level());
        ranked(n.putArray("top"), l.top());
      }
      ranked(out.putArray("path"), r.path());
    } else {
      ranked(out.putArray("classes"), classifier.classify(emb, PromptParams.parse(params), k));
    }
    return Reply.json(out);
  }

  /** The uploaded image: of an image type (415), no longer than the limit (413). */
  private byte[] upload(Call c) throws IOException {
    String type =
        c.request().getContentType() == null
            ? ""
            : c.request().getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw new HttpException(
          HttpCode.UNSUPPORTED_TYPE,
          "Content-Type must be image/jpeg, image/png, image/gif or image/bmp, was '" + type + "'");
    }
    long length = c.request().getContentLengthLong();
    if (length > maxBytes) {
      if (length <= BodyLimit.DRAIN_LIMIT) {
        c.request().getInputStream().skip(length); // so the client reads the 413
      }
      c.response().setHeader("Connection", "close");
      throw new HttpException(HttpCode.TOO_LARGE, "images up to " + maxBytes + " bytes");
    }
    byte[] body = read(c.request().getInputStream());
    if (body == null) {
      throw new HttpException(HttpCode.TOO_LARGE, "images up to " + maxBytes + " bytes");
    }
    return body;
  }

  /** The body, or null when it is longer than the limit (read no further than limit + 1). */
  private byte[] read(InputStream in) throws IOException {
    byte[] buf = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    return buf.length > maxBytes ? null : buf;
  }

  private static void ranked(ArrayNode array, List<ZeroShot.Ranked> list) {
    for (ZeroShot.Ranked r : list) {
      array
          .addObject()
          .put("name", r.name())
          .put("probability", r.probability())
          .put("logit", r.logit());
    }
  }
}

package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.image.ImagePreprocessor;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.zeroshot.ZeroShot;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.sparql.prompts.Templates;
import org.dermkg.zeroshot.classify.Classifier;
import org.dermkg.zeroshot.model.LazyModel;

/**
 * {@code POST /api/classify?set=HAM10000&k=5} (or any prompt selection; none: every level of the
 * hierarchy) with the image as the request body ({@code Content-Type: image/jpeg}, png, gif or
 * bmp). Uploads are untrusted: the type is checked, the body is cut at the upload limit (413), the
 * header's pixel count is checked before decoding (decompression bombs), and anything that does not
 * decode is a 400; never a 500.
 */
final class ClassifyServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/bmp", "application/octet-stream");

  private final transient Classifier classifier;
  private final transient LazyModel model;
  private final long maxBytes;
  private transient RequestTimer timer;

  ClassifyServlet(Classifier classifier, LazyModel model, long maxBytes) {
    this.classifier = classifier;
    this.model = model;
    this.maxBytes = maxBytes;
  }

  @Override
  public void init() {
    timer = RequestTimer.of(getServletContext());
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    long t0 = System.nanoTime();
    try {
      if (!req.getMethod().equals("POST")) {
        res.setHeader("Allow", "POST");
        HttpErrors.send(res, 405, HttpErrors.METHOD, "POST the image as the request body");
        return;
      }
      String type =
          req.getContentType() == null
              ? ""
              : req.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
      if (!TYPES.contains(type)) {
        HttpErrors.send(
            res,
            415,
            HttpErrors.BAD_REQUEST,
            "Content-Type must be image/jpeg, image/png, image/gif or image/bmp, was '"
                + type
                + "'");
        return;
      }
      if (req.getContentLengthLong() > maxBytes) {
        if (req.getContentLengthLong() <= BodyLimit.DRAIN_LIMIT) {
          req.getInputStream().skip(req.getContentLengthLong()); // so the client reads the 413
        }
        res.setHeader("Connection", "close");
        HttpErrors.send(res, 413, HttpErrors.TOO_LARGE, "images up to " + maxBytes + " bytes");
        return;
      }
      byte[] body = read(req.getInputStream());
      if (body == null) {
        HttpErrors.send(res, 413, HttpErrors.TOO_LARGE, "images up to " + maxBytes + " bytes");
        return;
      }
      if (!model.present()) {
        HttpErrors.send(
            res,
            404,
            HttpErrors.NOT_FOUND,
            "this server has no model (export one: README, DermLIP models)");
        return;
      }
      Map<String, List<String>> params = new LinkedHashMap<>();
      req.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
      int k = k(params.remove("k"));
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
      res.setStatus(200);
      res.setContentType("application/json");
      res.setCharacterEncoding("UTF-8");
      res.getOutputStream()
          .write(TermJson.MAPPER.writeValueAsString(out).getBytes(StandardCharsets.UTF_8));
    } catch (EmbeddingsException e) {
      HttpErrors.send(res, 400, e.code().id(), e.getMessage());
    } catch (SparqlException e) {
      int status =
          e.code() == SparqlException.Code.UNKNOWN_TERM ? 400 : HttpErrors.status(e.code());
      HttpErrors.send(res, status, e.code().id(), e.getMessage());
    } catch (IllegalArgumentException e) {
      HttpErrors.send(res, 400, HttpErrors.BAD_REQUEST, e.getMessage());
    } catch (RuntimeException | OutOfMemoryError e) {
      log("classify failed", e);
      HttpErrors.send(res, 500, HttpErrors.INTERNAL, "internal error: " + e);
    } finally {
      timer.record("/api/classify", res.getStatus(), t0);
    }
  }

  /** The body, or null when it is longer than the limit (read no further than limit + 1). */
  private byte[] read(InputStream in) throws IOException {
    byte[] buf = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    return buf.length > maxBytes ? null : buf;
  }

  private static int k(List<String> v) {
    if (v == null || v.isEmpty()) {
      return 5;
    }
    try {
      int k = Integer.parseInt(v.get(0).strip());
      if (k >= 1 && k <= 1000) {
        return k;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new IllegalArgumentException("k must be a whole number from 1 to 1000");
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

package org.dermkg.sparql.guard;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.http.DefaultHttpClient;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import com.apicatalog.jsonld.loader.HttpLoader;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import org.apache.jena.atlas.web.ContentType;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.ReaderRIOT;
import org.apache.jena.riot.ReaderRIOTFactory;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.riot.lang.RiotParsers;
import org.apache.jena.riot.system.ParserProfile;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.util.Context;

/**
 * JSON-LD parsing whose remote {@code @context} documents go through the outbound policy. Jena's
 * JSON-LD reader (Titanium) fetches every remote context a document names, over HTTP or from {@code
 * file:} — an upload to the Graph Store could make the server fetch any URL. This reader gives each
 * parse its own Titanium options (Jena would otherwise share one options object, and its base,
 * between parses) with a loader that fetches a context only when the policy of the parse's context
 * allows its URL, without following redirects; anything else fails the parse.
 */
final class JsonLdContexts implements ReaderRIOTFactory {
  @Override
  public ReaderRIOT create(Lang language, ParserProfile profile) {
    ReaderRIOT jena = RiotParsers.factoryJSONLD.create(language, profile);
    return new ReaderRIOT() {
      @Override
      public void read(
          InputStream in, String baseURI, ContentType ct, StreamRDF output, Context context) {
        jena.read(in, baseURI, ct, output, guarded(context));
      }

      @Override
      public void read(
          Reader reader, String baseURI, ContentType ct, StreamRDF output, Context context) {
        jena.read(reader, baseURI, ct, output, guarded(context));
      }
    };
  }

  private static Context guarded(Context context) {
    Context c = context == null ? new Context() : context.copy();
    c.set(LangJSONLD11.JSONLD_OPTIONS, new JsonLdOptions(new Loader(OutboundPolicy.of(context))));
    return c;
  }

  /** Loads a remote context only from an allowed URL. */
  private record Loader(OutboundPolicy policy) implements DocumentLoader {
    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
      if (!policy.allows(url.toString())) {
        throw new JsonLdError(
            JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
            policy.refused("JSON-LD @context <" + url + ">").toString());
      }
      // one request: Titanium counts the first one as a redirection
      return new HttpLoader(new DefaultHttpClient(OutboundPolicy.noRedirects()), 1)
          .loadDocument(url, options);
    }
  }
}

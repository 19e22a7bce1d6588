package org.dermkg.sparql;

import java.io.InputStream;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;

/** The tiny-kg fixture in an in-memory TDB2 dataset queried through its union default graph. */
public final class TinyKg {
  private TinyKg() {}

  public static DatasetGraph dataset() {
    DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
    dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
    Txn.executeWrite(
        dsg,
        () -> {
          try (InputStream in =
              TinyKg.class.getClassLoader().getResourceAsStream("fixtures/tiny-kg.trig")) {
            RDFDataMgr.read(dsg, in, Lang.TRIG);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    return dsg;
  }
}

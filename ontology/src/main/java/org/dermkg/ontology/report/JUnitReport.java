package org.dermkg.ontology.report;

import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.validate.CheckResult;
import org.dermkg.ontology.validate.ValidationReport;
import org.dermkg.ontology.validate.Violation;

/**
 * Renders a validation report as JUnit XML so that CI shows each check as a test case. A check
 * fails when it has violations at or above the --fail-on severity; lower-severity violations go to
 * the test case's system-out.
 */
public final class JUnitReport {
  private JUnitReport() {}

  public static String render(ValidationReport r) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      writeSuiteStart(w, r);
      for (CheckResult c : r.results()) {
        writeTestCase(w, r, c);
      }
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new OntologyException(
          Code.WRITE_FAILED, "cannot render the JUnit report: " + e.getMessage(), e);
    }
    return out.toString() + "\n";
  }

  private static void writeSuiteStart(XMLStreamWriter w, ValidationReport r)
      throws XMLStreamException {
    w.writeStartElement("testsuite");
    w.writeAttribute("name", "derm-validate");
    w.writeAttribute("tests", Integer.toString(r.results().size()));
    long failures =
        r.results().stream()
            .filter(c -> !c.passed() && c.check().severity().atLeast(r.failOn()))
            .count();
    w.writeAttribute("failures", Long.toString(failures));
    w.writeAttribute("errors", "0");
    w.writeAttribute("skipped", "0");
    w.writeAttribute("time", seconds(r.totalMillis()));
    w.writeCharacters("\n");
  }

  /** One check: a failure element at or above --fail-on, else its violations in system-out. */
  private static void writeTestCase(XMLStreamWriter w, ValidationReport r, CheckResult c)
      throws XMLStreamException {
    w.writeStartElement("testcase");
    w.writeAttribute("classname", "derm.validate." + c.check().stage());
    w.writeAttribute("name", c.check().id());
    w.writeAttribute("time", seconds(c.millis()));
    if (!c.passed()) {
      String details = details(c);
      if (c.check().severity().atLeast(r.failOn())) {
        w.writeStartElement("failure");
        w.writeAttribute("type", c.check().severity().name());
        w.writeAttribute("message", c.violations().size() + " violation(s): " + c.check().title());
        w.writeCharacters(details);
        w.writeEndElement();
      } else {
        w.writeStartElement("system-out");
        w.writeCharacters(details);
        w.writeEndElement();
      }
    }
    w.writeEndElement();
    w.writeCharacters("\n");
  }

  private static String details(CheckResult c) {
    StringBuilder b = new StringBuilder();
    for (Violation v : c.violations()) {
      b.append(v.message()).append('\n');
      v.explanation().forEach(line -> b.append("    ").append(line).append('\n'));
    }
    return b.toString();
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
  }
}

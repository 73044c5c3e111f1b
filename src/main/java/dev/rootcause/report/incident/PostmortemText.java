package dev.rootcause.report.incident;

import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.TimelineEntry;
import java.util.function.UnaryOperator;

/** The sentences every postmortem format shares, worded once; each format escapes them its way. */
final class PostmortemText {
  private PostmortemText() {}

  /** The summary as plain text. */
  static String summary(Postmortem p) {
    return summary(p, s -> s, s -> s);
  }

  /**
   * Title, downtime, budget share and the first root cause; {@code text} escapes store text and
   * {@code code} wraps a file:line.
   */
  static String summary(Postmortem p, UnaryOperator<String> text, UnaryOperator<String> code) {
    Incident i = p.incident();
    String services = String.join(", ", i.services());
    StringBuilder s = new StringBuilder(text.apply(i.title())).append(". ");
    if (i.downtimeSeconds() > 0) {
      s.append(services)
          .append(" was down for ")
          .append(Spans.human(i.downtimeSeconds()))
          .append(" of user-facing impact");
    } else {
      s.append(services).append(" is affected; the impact has not ended yet");
    }
    for (int k = 0; k < p.charges().size(); k++) {
      Charge c = p.charges().get(k);
      s.append(", ").append(Spans.percent(c.share())).append(" of its error budget");
      if (p.charges().size() > 1) {
        s.append(" (").append(text.apply(p.budgets().get(k).slo().objective())).append(')');
      }
    }
    s.append('.');
    Measurements during = Measurements.during(p);
    if (during.requests() > 0) {
      s.append(" Probes measured ")
          .append(Spans.percent(during.errorRate()))
          .append(" of ")
          .append(during.requests())
          .append(" requests failing.");
    }
    if (!i.rootCauses().isEmpty()) {
      RootCause first = i.rootCauses().get(0);
      s.append(" Root cause: ")
          .append(text.apply(first.message()))
          .append(" (")
          .append(code.apply(first.where()))
          .append(").");
    }
    return s.toString();
  }

  /** A timeline entry as its row says it. */
  static String label(TimelineEntry e) {
    return switch (e.kind()) {
      case LESSON -> "Lesson: " + e.text();
      case EVIDENCE -> "Evidence: " + e.text();
      default -> e.text();
    };
  }
}

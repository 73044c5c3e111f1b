package dev.rootcause.report.incident;

import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.CauseChain;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.model.incident.Verification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The postmortem's prose, worded once for every format: the first screen (what broke, how long, the
 * budget, each root cause in a line, the fixes' status), why it happened as causal chains, and how
 * each fix was verified. Every sentence is computed from the store; what it does not hold is said
 * to be not recorded. {@link Fmt} escapes store text, code spans and emphasis the format's way.
 */
final class PostmortemStory {
  /** Root causes the first screen names one line each; the rest are counted. */
  static final int FIRST_SCREEN_CAUSES = 5;

  private PostmortemStory() {}

  /** How a format escapes store text, sets a code span and emphasises. */
  interface Fmt {
    String text(String s);

    String code(String s);

    String bold(String s);

    /** Plain text: for JSON, whose consumers escape it themselves. */
    Fmt PLAIN = of(t -> t, t -> t, t -> t);

    static Fmt of(
        UnaryOperator<String> text, UnaryOperator<String> code, UnaryOperator<String> bold) {
      return new Fmt() {
        @Override
        public String text(String s) {
          return text.apply(s);
        }

        @Override
        public String code(String s) {
          return code.apply(s);
        }

        @Override
        public String bold(String s) {
          return bold.apply(s);
        }
      };
    }
  }

  /**
   * The summary paragraph a director reads: what users saw and for how long, the budget it cost,
   * how many root causes, and the status of the fixes.
   */
  static String summary(Postmortem p, Fmt f) {
    Incident i = p.incident();
    String services = String.join(", ", i.services());
    StringBuilder s = new StringBuilder(f.text(i.title())).append(". ");
    if (i.impactTo() > 0) {
      s.append("Users of ")
          .append(f.text(services))
          .append(" were hurt for ")
          .append(f.bold(Spans.human(i.downtimeSeconds())))
          .append(" (")
          .append(Spans.moment(i.impactFrom()))
          .append(" to ")
          .append(Spans.moment(i.impactTo()))
          .append(")");
    } else {
      s.append("Users of ")
          .append(f.text(services))
          .append(" have been hurt since ")
          .append(Spans.moment(i.impactFrom()))
          .append("; the impact has not ended");
    }
    Measurements during = Measurements.during(p);
    if (during.requests() > 0) {
      s.append("; probes measured ")
          .append(Spans.percent(during.errorRate()))
          .append(" of ")
          .append(during.requests())
          .append(" requests failing");
    }
    s.append(". ");
    if (p.charges().isEmpty()) {
      s.append("No SLO is set for ").append(f.text(services)).append(": no budget was charged. ");
    }
    for (int k = 0; k < p.charges().size(); k++) {
      Charge c = p.charges().get(k);
      Budget b = p.budgets().get(k);
      s.append("It used ")
          .append(f.bold(Spans.percent(c.share())))
          .append(" of ")
          .append(f.text(b.slo().service()))
          .append("'s error budget (")
          .append(f.text(b.slo().objective()))
          .append(")")
          .append(
              b.breached()
                  ? ": the budget is spent"
                  : ", " + PostmortemMarkdown.remaining(b) + " of it left")
          .append(". ");
    }
    long consequences = p.chains().stream().mapToLong(c -> c.consequences().size()).sum();
    if (p.chains().isEmpty()) {
      s.append("No root cause is attached. ");
    } else {
      s.append(p.chains().size())
          .append(p.chains().size() == 1 ? " root cause" : " root causes")
          .append(
              consequences == 0
                  ? ""
                  : " (and " + consequences + " symptom(s) that followed from them)")
          .append(p.chains().size() == 1 ? ", below. " : ", one line each below. ");
    }
    s.append(fixStatus(p, f));
    return s.toString().trim();
  }

  /** Whether the fixes are out and measured: from the status moves and the verify runs. */
  static String fixStatus(Postmortem p, Fmt f) {
    Incident i = p.incident();
    String state =
        i.resolvedAt() > 0
            ? "Resolved " + Spans.moment(i.resolvedAt())
            : "Status " + f.text(i.status().label());
    if (p.verifications().isEmpty()) {
      return state + "; the fix is " + f.bold("not verified") + ": no verify run is attached.";
    }
    Verification last = p.verifications().get(p.verifications().size() - 1);
    return state
        + (last.passed() ? "; fix verified " : "; the last verify ")
        + Spans.moment(last.at())
        + (last.passed() ? ": " : " " + f.bold("failed") + ": ")
        + f.text(last.criteria())
        + ".";
  }

  /** Each root cause in one line, the first few; "and N more" after them. */
  static List<String> causeLines(Postmortem p, Fmt f) {
    List<String> out = new ArrayList<>();
    List<CauseChain> chains = p.chains();
    for (CauseChain c : chains.subList(0, Math.min(FIRST_SCREEN_CAUSES, chains.size()))) {
      StringBuilder s =
          new StringBuilder(f.text(c.cause().message()))
              .append(" (")
              .append(f.code(c.cause().where()))
              .append(")");
      if (!c.consequences().isEmpty()) {
        s.append(": led to ").append(f.text(subjects(c.consequences())));
      }
      out.add(s.toString());
    }
    if (chains.size() > FIRST_SCREEN_CAUSES) {
      out.add("and " + (chains.size() - FIRST_SCREEN_CAUSES) + " more, under Root causes");
    }
    return out;
  }

  private static String subjects(List<RootCause> consequences) {
    List<String> out = new ArrayList<>();
    for (RootCause c : consequences) {
      String what = c.subject().isEmpty() ? c.where() : c.subject();
      out.add(what + " (" + c.ruleId() + ")");
    }
    return String.join(", ", out);
  }

  /**
   * What users saw, per probed URL: the first failing run, with what the probe said of it, and the
   * last run; or that nothing was measured.
   */
  static List<String> userPaths(Postmortem p, Fmt f) {
    Incident i = p.incident();
    Map<String, List<ProbeSample>> byUrl = new LinkedHashMap<>();
    for (ProbeSample s : p.samples()) {
      byUrl.computeIfAbsent(s.url(), k -> new ArrayList<>()).add(s);
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<ProbeSample>> e : byUrl.entrySet()) {
      ProbeSample firstBad =
          e.getValue().stream().filter(s -> s.bad() > 0).findFirst().orElse(null);
      if (firstBad == null) {
        continue;
      }
      ProbeSample last = e.getValue().get(e.getValue().size() - 1);
      StringBuilder s =
          new StringBuilder(f.code(e.getKey()))
              .append(": ")
              .append(firstBad.bad())
              .append(" of ")
              .append(firstBad.requests())
              .append(" requests failed at ")
              .append(PostmortemMarkdown.offset(firstBad.at() - i.impactFrom()));
      String said = probeSaid(i, e.getKey());
      if (!said.isEmpty()) {
        s.append(" (").append(f.text(said)).append(")");
      }
      if (last != firstBad) {
        s.append("; ")
            .append(last.bad())
            .append(" of ")
            .append(last.requests())
            .append(" at ")
            .append(PostmortemMarkdown.offset(last.at() - i.impactFrom()));
      }
      out.add(s.append('.').toString());
    }
    if (out.isEmpty()) {
      out.add(
          "Not measured: no failing probe run is attached; the incident's title says: "
              + f.text(i.title())
              + ".");
    }
    return out;
  }

  /** What the probe's timeline entry said of the URL's first failure, or "". */
  private static String probeSaid(Incident i, String url) {
    String prefix = "First failing probe: " + url + ": ";
    for (TimelineEntry e : i.timeline()) {
      if (e.kind() == TimelineEntry.Kind.EVIDENCE && e.text().startsWith(prefix)) {
        return e.text().substring(prefix.length());
      }
    }
    return "";
  }

  /**
   * One chain as symptom, cause and line, and what followed: observed when the evidence came from a
   * cluster, the rule's expected effect when it came from files alone.
   */
  static String chain(CauseChain c, Fmt f) {
    RootCause cause = c.cause();
    StringBuilder s = new StringBuilder();
    if (!cause.symptom().isEmpty()) {
      s.append(f.bold(cause.objects().isEmpty() ? "Effect:" : "Observed:"))
          .append(' ')
          .append(f.text(sentence(cause.symptom())))
          .append(' ');
    }
    s.append(f.bold("Cause:"))
        .append(' ')
        .append(f.text(sentence(cause.message())))
        .append(' ')
        .append(f.bold("Line:"))
        .append(' ')
        .append(f.code(cause.where()))
        .append(" (")
        .append(f.text(cause.layer()))
        .append(", ")
        .append(f.code(cause.ruleId()))
        .append(").");
    for (RootCause q : c.consequences()) {
      s.append(' ').append(f.bold("Which left:")).append(' ').append(f.text(sentence(q.message())));
    }
    return s.toString();
  }

  private static String sentence(String s) {
    String t = s.strip();
    return t.endsWith(".") ? t : t + ".";
  }

  /** How a chain's fix was verified, or that it was not. */
  static String verified(CauseChain c, Postmortem p, Fmt f) {
    Verification v = c.verification();
    if (v == null) {
      return p.verifications().isEmpty()
          ? "not verified: no verify run is attached"
          : "not verified: no verify run after it was found";
    }
    String when =
        Spans.moment(v.at())
            + " ("
            + PostmortemMarkdown.offset(v.at() - p.incident().impactFrom())
            + ")";
    return (v.passed() ? "verified " + when + ": " : f.bold("failed") + " " + when + ": ")
        + f.text(v.criteria());
  }

  /** The check that would have caught it before users did. */
  static String caughtBy(RootCause c, Fmt f) {
    if (c.ruleId().startsWith("pipeline/")) {
      return "the pipeline change itself (" + f.code("rootcause scan") + " flags the gap)";
    }
    if (c.observedOnly()) {
      return "a post-deploy check: " + f.code("rootcause verify URL") + " as a smoke test";
    }
    return f.code("rootcause scan") + " in CI: rule " + f.code(c.ruleId());
  }
}

package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.compose.ComposeEnv;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvVar;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seed 002: {@code CHAOS_FAILURE_RATE=0.5} left on the database service, failing half of all
 * requests; seed 001: a traffic sidecar dropping 20% of requests and delaying others by 3 s. Names
 * are matched by intent (chaos, fault/failure/error injection or rate, latency injection, drop
 * rates); the value must be on (a non-zero number, true, on, enabled). Kubernetes containers and
 * docker-compose services ({@code environment:}, {@code env_file:}) are judged alike.
 */
@RuleSpec(
    id = "k8s/fault-injection-enabled",
    explains = {"runtime/high-error-rate"},
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Chaos or fault-injection setting is switched on in the manifest or compose file",
    symptom =
        "intermittent 500s or added latency on a share of requests, with no code change to blame",
    fix = "Remove the fault-injection variable (or set it to 0/false) outside chaos experiments.")
public final class FaultInjectionEnabled implements SystemRule {
  /**
   * Names that say fault injection: a first word and one of its second words, written together or
   * joined by one underscore ({@code FAILURE_RATE}, {@code FAILURERATE}); {@code CHAOS} alone.
   */
  private static final Map<List<String>, List<String>> INTENT =
      Map.of(
          List.of("FAULT"), List.of("INJECT"),
          List.of("INJECT", "INJECTED"), List.of("FAULT", "FAILURE", "ERROR", "LATENCY", "DELAY"),
          List.of("FAILURE", "ERROR"), List.of("RATE", "PROBABILITY", "PERCENT"),
          List.of("RANDOM", "SIMULATE", "SIMULATED"),
              List.of("FAILURE", "ERROR", "LATENCY", "DELAY"),
          List.of("DROP"), List.of("RATE", "PERCENT", "PROBABILITY", "RATIO"),
          List.of("PACKET"), List.of("LOSS"));

  @Override
  public void check(RuleContext ctx) {
    ctx.model()
        .containers()
        .forEach(
            e -> {
              Container container = e.getValue();
              for (EnvVar env : container.env()) {
                if (env.value() != null) {
                  judge(
                      ctx,
                      env.name(),
                      env.value().reveal(),
                      env.location(),
                      "container " + container.name(),
                      e.getKey().meta().displayName() + " container " + container.name());
                }
              }
            });
    for (ComposeEnv compose : ctx.model().details(ComposeEnv.class)) {
      for (ComposeEnv.Var v : compose.vars()) {
        judge(
            ctx,
            v.name(),
            v.value().reveal(),
            v.location(),
            "compose service " + compose.service(),
            "compose service " + compose.service() + " (" + compose.file() + ")");
      }
    }
  }

  private static void judge(
      RuleContext ctx, String name, String raw, SourceLocation at, String where, String subject) {
    if (!namesFaultInjection(name)) {
      return;
    }
    String value = raw.trim();
    if (isOn(value)) {
      // The value is shown: a failure rate is configuration, not a secret.
      ctx.report(at, name + "=" + value + " is set on " + where + describe(name, value))
          .subject(subject)
          .fix("Remove " + name + " or set it to 0.");
    }
  }

  /**
   * Words of settings that watch failures rather than cause them: a circuit breaker's failure-rate
   * threshold, an SLO's error-rate target, an alert's limit.
   */
  private static final List<String> WATCHES =
      List.of(
          "THRESHOLD",
          "TARGET",
          "ALERT",
          "LIMIT",
          "BUDGET",
          "TOLERAN",
          "CIRCUIT",
          "BREAKER",
          "SLO_",
          "_SLO");

  static boolean namesFaultInjection(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (WATCHES.stream().anyMatch(upper::contains)) {
      return false;
    }
    if (upper.contains("CHAOS")) {
      return true;
    }
    for (Map.Entry<List<String>, List<String>> e : INTENT.entrySet()) {
      for (String first : e.getKey()) {
        for (String second : e.getValue()) {
          if (upper.contains(first + second) || upper.contains(first + "_" + second)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String describe(String name, String value) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.contains("DELAY") || upper.contains("LATENCY")) {
      // A delay is a duration, not a share of requests.
      return upper.endsWith("MS") ? ": about " + value + " ms is added to requests" : "";
    }
    try {
      double rate = Double.parseDouble(value);
      if (rate > 0 && rate <= 1) {
        return String.format(
            Locale.ROOT, ": about %.0f%% of requests are made to fail", rate * 100);
      }
      if (rate > 1 && rate <= 100) {
        return String.format(Locale.ROOT, ": about %.0f%% of requests are made to fail", rate);
      }
    } catch (NumberFormatException e) {
      // not a rate: a flag
    }
    return "";
  }

  static boolean isOn(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (v.isEmpty()
        || v.equals("false")
        || v.equals("off")
        || v.equals("no")
        || v.equals("disabled")
        || v.equals("none")) {
      return false;
    }
    try {
      return Double.parseDouble(v) != 0;
    } catch (NumberFormatException e) {
      return v.equals("true") || v.equals("on") || v.equals("yes") || v.equals("enabled");
    }
  }
}

package dev.rootcause.rules.app;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Language;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Probe;
import dev.rootcause.rules.AppRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Seed 000: {@code /healthz} returned {@code jsonify(...), 500} unconditionally, so every probe
 * failed. Only a health route whose every answer is a 5xx: one that fails when a dependency check
 * fails is doing its job.
 */
@RuleSpec(
    id = "app/health-endpoint-fails",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Health endpoint answers with a server error on every call",
    symptom =
        "liveness probes fail: restarts, then CrashLoopBackOff; readiness never passes: no endpoints",
    fix =
        "Answer 200 when the process can serve, and a 5xx only when a check the endpoint makes fails.",
    languages = {Language.PYTHON, Language.JAVASCRIPT, Language.GO, Language.JAVA})
public final class HealthEndpointFails implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (!(h instanceof Hazard.HealthAlwaysFails fails)) {
        continue;
      }
      var finding =
          ctx.report(h.location(), AppRules.onRouteSentence(h.route(), describe(fails)))
              .subject("app " + AppRules.name(app));
      String path = h.route().substring(h.route().indexOf(' ') + 1);
      for (Map.Entry<?, Container> pair : ctx.model().containers().toList()) {
        Container c = pair.getValue();
        if (!ctx.model().appOf(c).map(app::equals).orElse(false)) {
          continue;
        }
        for (Probe p : c.probes()) {
          if (path.equals(p.path())) {
            finding.related(
                p.pathLocation() != null ? p.pathLocation() : p.location(),
                p.kind().field() + " of container " + c.name() + " checks " + path);
          }
        }
      }
    }
  }

  /** "answers 500 or 503 on every call". */
  static String describe(Hazard.HealthAlwaysFails h) {
    return "answers "
        + h.statuses().stream().map(String::valueOf).collect(Collectors.joining(" or "))
        + " on every call";
  }
}

package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Ingress;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.ManifestObject.IngressRoutes;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;

/**
 * An ingress-nginx {@code rewrite-target} that uses a capture group ({@code /$2}) a path of the
 * Ingress does not define: nginx substitutes an empty string, so every request on that path reaches
 * the backend as {@code /} (or a wrong path) instead of the path the client asked for.
 */
@RuleSpec(
    id = "k8s/rewrite-target-group-undefined",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "nginx rewrite-target uses a capture group the Ingress path does not define",
    symptom =
        "every request under the path reaches the backend as / (its home page or 404s for every"
            + " API call); the Ingress itself looks healthy",
    fix = "Give the path the capture groups the rewrite uses: path: /api(/|$)(.*) for /$2.")
public final class RewriteTargetGroupUndefined implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    Manifests manifests = Manifests.of(ctx.model());
    for (Ingress ingress : ctx.model().ingresses()) {
      IngressRoutes routes = manifests.of(ingress.meta()).map(ManifestObject::ingress).orElse(null);
      if (routes == null || routes.rewriteTarget() == null) {
        continue;
      }
      int used = highestGroup(routes.rewriteTarget());
      if (used == 0) {
        continue;
      }
      for (ManifestObject.Path path : routes.paths()) {
        String p = path.path() == null ? "/" : path.path();
        int defined = groups(p);
        if (defined >= used) {
          continue;
        }
        ctx.report(
                path.location(),
                ingress.meta().displayName()
                    + ": rewrite-target '"
                    + routes.rewriteTarget()
                    + "' uses capture group $"
                    + used
                    + ", but path '"
                    + p
                    + "' defines "
                    + (defined == 0 ? "none" : defined == 1 ? "only 1" : "only " + defined)
                    + ": the group is empty and requests are rewritten to the wrong path")
            .subject(ingress.meta().displayName())
            .related(routes.rewriteTargetLocation(), "the rewrite-target annotation")
            .fix(
                used == 2 && defined == 0
                    ? "Set path: "
                        + (p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p)
                        + "(/|$)(.*) with pathType: ImplementationSpecific."
                    : "Add the capture groups to path "
                        + p
                        + ", or use only groups it defines in rewrite-target.");
      }
    }
  }

  /** The highest {@code $N} the rewrite uses. */
  private static int highestGroup(String rewrite) {
    int highest = 0;
    for (int i = 0; i + 1 < rewrite.length(); i++) {
      if (rewrite.charAt(i) == '$' && Character.isDigit(rewrite.charAt(i + 1))) {
        highest = Math.max(highest, rewrite.charAt(i + 1) - '0');
      }
    }
    return highest;
  }

  /** The capturing groups of a path regex: {@code (} not escaped and not {@code (?}. */
  private static int groups(String path) {
    int count = 0;
    for (int i = 0; i < path.length(); i++) {
      boolean escaped = i > 0 && path.charAt(i - 1) == '\\';
      boolean nonCapturing = i + 1 < path.length() && path.charAt(i + 1) == '?';
      if (path.charAt(i) == '(' && !escaped && !nonCapturing) {
        count++;
      }
    }
    return count;
  }
}

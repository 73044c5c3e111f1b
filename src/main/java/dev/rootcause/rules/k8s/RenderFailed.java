package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.render.RenderFailure;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;

/**
 * A chart Helm will not render, or an overlay kustomize will not build, never reaches the cluster:
 * {@code helm upgrade} or {@code kubectl apply -k} stops before a single object is sent, so the
 * release (or that environment) keeps running the old version, or nothing. The tool's own message
 * is the finding, at the template line or kustomization entry it blames.
 */
@RuleSpec(
    id = "k8s/render-failed",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "A Helm chart does not render, or a kustomization does not build",
    symptom =
        "helm install/upgrade fails with 'Error: INSTALLATION FAILED: execution error at (...)';"
            + " kubectl apply -k fails with 'Error: accumulating resources' or 'no matches for"
            + " patch target': the release never installs",
    fix = "Fix the template, values file or kustomization entry named in the message.")
public final class RenderFailed implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    for (RenderFailure f : ctx.model().renderFailures()) {
      boolean helm = f.tool().equals("helm");
      String what =
          helm
              ? "Helm chart "
                  + f.source()
                  + (f.valuesFile() == null ? "" : " with " + f.valuesFile())
                  + " does not render: "
              : "kustomization " + f.source() + " does not build: ";
      ctx.report(f.location(), what + f.message())
          .subject(f.valuesFile() == null ? f.source() : f.valuesFile())
          // The spec's symptom covers both tools; a finding names only the one that failed.
          .symptom(
              helm
                  ? "helm install/upgrade fails with 'Error: INSTALLATION FAILED: execution error"
                      + " at (...)': the release never installs"
                  : "kubectl apply -k fails with 'Error: accumulating resources' or 'no matches"
                      + " for patch target': that environment is never deployed")
          .fix(
              helm
                  ? "Fix what Helm names at "
                      + f.location().display()
                      + (f.valuesFile() == null ? "" : " for the values in " + f.valuesFile())
                      + ", then check it with: helm template "
                      + chartDir(f.source())
                      + (f.valuesFile() == null ? "" : " -f " + f.valuesFile())
                      + "."
                  : "Fix the entry at "
                      + f.location().display()
                      + ", then check it with: kubectl kustomize "
                      + chartDir(f.source())
                      + ".");
    }
  }

  private static String chartDir(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "." : file.substring(0, slash);
  }
}

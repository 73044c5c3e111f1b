package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.ManifestObject.Check;
import dev.rootcause.model.k8s.ManifestObject.FieldValue;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;

/**
 * A Secret whose {@code data} holds a plain value where the API expects base64: the Secret is
 * refused, and every pod that needs it waits in CreateContainerConfigError. The value is never
 * printed.
 */
@RuleSpec(
    id = "k8s/secret-data-not-base64",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Secret data value is not base64",
    symptom =
        "kubectl apply: Secret in version \"v1\" cannot be handled as a Secret: illegal base64"
            + " data at input byte N; the Secret is not created and its pods wait in"
            + " CreateContainerConfigError",
    fix = "Move the plain value under stringData, or base64-encode it (echo -n VALUE | base64).")
public final class SecretDataNotBase64 implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    for (ManifestObject object : Manifests.of(ctx.model()).objects()) {
      for (FieldValue v : object.values()) {
        if (v.check() != Check.BASE64) {
          continue;
        }
        String key = v.path().substring("data.".length());
        ctx.report(
                v.location(),
                "Secret "
                    + object.meta().name()
                    + ": data."
                    + key
                    + " is not valid base64 (a plain value under data): the API refuses the"
                    + " Secret")
            .subject(object.meta().displayName())
            .fix(
                "Move "
                    + key
                    + " from data to stringData (the API encodes it), or write its base64"
                    + " encoding (echo -n VALUE | base64).");
      }
    }
  }
}

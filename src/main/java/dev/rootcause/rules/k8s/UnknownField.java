package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.rules.Names;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.Optional;

/**
 * A key the API schema of its object does not have ({@code contianerPort}, {@code livenessprobe},
 * {@code resources} under the pod spec): strict validation refuses the object, and without it the
 * key is dropped, so the setting the author meant never applies.
 */
@RuleSpec(
    id = "k8s/unknown-field",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Manifest field the Kubernetes API does not have (a typo or the wrong level)",
    symptom =
        "kubectl apply: error validating data: ValidationError(Deployment.spec...): unknown field"
            + " \"contianerPort\"; with --validate=false the field is silently dropped and the"
            + " setting never applies",
    fix = "Rename the field to the one the API has, or move it to the level it belongs at.")
public final class UnknownField implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    for (ManifestObject object : Manifests.of(ctx.model()).objects()) {
      if (!object.type().written()) {
        continue; // k8s/unknown-kind says why the whole object is refused
      }
      for (ManifestObject.UnknownField field : object.unknownFields()) {
        String at = field.path().isEmpty() ? "at the top level" : "in " + field.path();
        Optional<String> meant =
            field.known().stream().filter(k -> k.equalsIgnoreCase(field.name())).findFirst();
        if (meant.isEmpty()) {
          meant = Names.closest(field.name(), field.known(), k -> k);
        }
        String message =
            object.meta().kind()
                + " "
                + object.meta().name()
                + ": unknown field '"
                + field.name()
                + "' "
                + at;
        String fix;
        if (field.belongsAt() != null) {
          message += "; it is a field of " + field.belongsAt();
          fix = "Move '" + field.name() + "' under " + field.belongsAt() + ".";
        } else if (meant.isPresent()) {
          message += " (did you mean '" + meant.get() + "'?)";
          fix = "Rename '" + field.name() + "' to '" + meant.get() + "'.";
        } else {
          fix = "Remove '" + field.name() + "' or replace it with a field the API has.";
        }
        ctx.report(field.location(), message)
            .subject(object.meta().displayName())
            .symptom(
                "kubectl apply: unknown field \""
                    + join(field.path(), field.name())
                    + "\" in "
                    + object.meta().kind()
                    + "; with --validate=false the field is dropped and its setting never applies")
            .fix(fix);
      }
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}

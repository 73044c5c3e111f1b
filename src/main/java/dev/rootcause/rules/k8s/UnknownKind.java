package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.ManifestObject.TypeCheck;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.rules.Names;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.Optional;

/**
 * An object the API cannot map to a resource: no apiVersion or kind, a kind misspelled, or a
 * built-in kind under an apiVersion that does not serve it ({@code apiVersion: v1} for a
 * Deployment). {@code kubectl apply} refuses it and nothing it declares exists. Kinds of groups the
 * API does not know are custom resources and are left alone; removed versions are {@code
 * k8s/removed-api-version}.
 */
@RuleSpec(
    id = "k8s/unknown-kind",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Object without a valid apiVersion and kind: the API refuses it",
    symptom =
        "kubectl apply: error validating data: [apiVersion not set, kind not set], or: resource"
            + " mapping not found ... no matches for kind \"Deploymnet\" in version \"apps/v1\";"
            + " the object is never created",
    fix = "Set apiVersion and kind to a pair the API serves (apps/v1 Deployment, v1 Service...).")
public final class UnknownKind implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    for (ManifestObject object : Manifests.of(ctx.model()).objects()) {
      TypeCheck type = object.type();
      ObjectMeta meta = object.meta();
      if (!type.written()) {
        notSet(object, ctx);
      } else if (!type.served() && type.knownGroup() && !Removed.of(meta).isPresent()) {
        if (type.versionsOfKind().isEmpty()) {
          misspelled(object, ctx);
        } else {
          wrongVersion(object, ctx);
        }
      }
    }
  }

  private static void notSet(ManifestObject object, RuleContext ctx) {
    TypeCheck type = object.type();
    ObjectMeta meta = object.meta();
    String missing =
        !type.apiVersionWritten() && !type.kindWritten()
            ? "apiVersion and kind"
            : type.apiVersionWritten() ? "kind" : "apiVersion";
    String suggestion =
        type.kindWritten() && !type.versionsOfKind().isEmpty()
            ? "Add apiVersion: " + Removed.preferred(type.versionsOfKind(), meta.kind()) + "."
            : "Add the " + missing + " of the object (apps/v1 Deployment, v1 Service...).";
    String written =
        object.unknownFields().isEmpty()
            ? ""
            : " (written '" + object.unknownFields().get(0).name() + "': keys are case-sensitive)";
    ctx.report(
            meta.location(),
            (meta.kind().isEmpty() ? "object" : meta.kind())
                + " "
                + meta.name()
                + " has no "
                + missing
                + written
                + ": kubectl refuses it and it is never created")
        .subject((meta.kind().isEmpty() ? "object " : meta.kind() + " ") + meta.name())
        .symptom(
            "kubectl apply: error validating data: "
                + (missing.contains(" and ")
                    ? "[apiVersion not set, kind not set]"
                    : missing + " not set"))
        .fix(suggestion);
  }

  private static void misspelled(ManifestObject object, RuleContext ctx) {
    ObjectMeta meta = object.meta();
    Optional<String> meant =
        object.type().kinds().stream().filter(k -> k.equalsIgnoreCase(meta.kind())).findFirst();
    if (meant.isEmpty()) {
      meant = Names.closest(meta.kind(), object.type().kinds(), k -> k);
    }
    if (meant.isEmpty()) {
      return; // an aggregated API or a CRD in a Kubernetes group: unknown, not wrong
    }
    ctx.report(
            meta.location(),
            "kind '"
                + meta.kind()
                + "' does not exist in "
                + meta.apiVersion()
                + " (did you mean '"
                + meant.get()
                + "'?): "
                + meta.name()
                + " is never created")
        .subject(meta.displayName())
        .symptom(noMatches(meta))
        .fix("Set kind: " + meant.get() + ".");
  }

  private static void wrongVersion(ManifestObject object, RuleContext ctx) {
    ObjectMeta meta = object.meta();
    String served =
        String.join(
            ", ",
            object.type().versionsOfKind().stream()
                .filter(v -> !Removed.removed(v, meta.kind()))
                .toList());
    ctx.report(
            meta.location(),
            meta.kind()
                + " "
                + meta.name()
                + " is declared in "
                + meta.apiVersion()
                + ", which does not serve "
                + meta.kind()
                + " (it is served by "
                + served
                + ")")
        .subject(meta.displayName())
        .symptom(noMatches(meta))
        .fix(
            "Set apiVersion: "
                + Removed.preferred(object.type().versionsOfKind(), meta.kind())
                + ".");
  }

  private static String noMatches(ObjectMeta meta) {
    return "kubectl apply: resource mapping not found for name: \""
        + meta.name()
        + "\" ... no matches for kind \""
        + meta.kind()
        + "\" in version \""
        + meta.apiVersion()
        + "\"; the object is never created";
  }
}

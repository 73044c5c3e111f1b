package dev.rootcause.rules.k8s;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.rules.Names;
import dev.rootcause.rules.RuleContext;
import java.util.Optional;

/**
 * The one way the reference rules judge a name: silent when the repository does not manage that
 * kind (it is created elsewhere), else a finding when no object of that name is declared where the
 * referrer can see it, with the nearest declared name as the fix.
 */
final class MissingObjects {
  private MissingObjects() {}

  /** Whether {@code kind name} is missing; reports it at {@code at} when it is. */
  static boolean report(
      RuleContext ctx,
      Manifests manifests,
      ObjectMeta referrer,
      String kind,
      String name,
      SourceLocation at,
      String what,
      String symptom) {
    if (name == null
        || !manifests.managesKind(kind)
        || manifests.defines(kind, referrer.namespace(), name)) {
      return false;
    }
    Optional<String> meant = Names.closest(name, manifests.namesOf(kind), n -> n);
    String where = referrer.namespace() == null ? "" : " in namespace " + referrer.namespace();
    ctx.report(
            at,
            referrer.displayName()
                + " "
                + what
                + " "
                + kind
                + " '"
                + name
                + "', which the manifests do not declare"
                + where
                + meant.map(m -> " (did you mean '" + m + "'?)").orElse(""))
        .subject(referrer.displayName())
        .symptom(symptom)
        .fix(
            meant
                .map(m -> "Change '" + name + "' to '" + m + "'.")
                .orElse(
                    "Declare " + kind + " " + name + where + ", or reference one that exists."));
    return true;
  }
}

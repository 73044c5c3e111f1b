package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same object (kind, namespace, name) declared twice in one directory with different content:
 * {@code kubectl apply -f DIR} applies both, the one read last wins, and which one that is depends
 * on file names. Declarations in different directories are variants (overlays, environments,
 * independent examples), not duplicates; identical copies are harmless.
 */
@RuleSpec(
    id = "k8s/duplicate-object",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Same object declared twice with different content",
    symptom =
        "kubectl apply -f DIR: the object is configured twice (\"web configured\"), and the"
            + " declaration applied last silently replaces the other",
    fix = "Keep one declaration of the object and delete (or rename) the other.")
public final class DuplicateObject implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    Map<String, ManifestObject> first = new LinkedHashMap<>();
    for (ManifestObject object : Manifests.of(ctx.model()).objects()) {
      ObjectMeta meta = object.meta();
      if (!object.type().written() || meta.name().endsWith("*")) {
        continue; // generateName objects are distinct by design
      }
      String key =
          String.join(
              "\u0000",
              List.of(
                  directory(meta.location().path()),
                  meta.kind(),
                  meta.namespace() == null ? "" : meta.namespace(),
                  meta.name()));
      ManifestObject earlier = first.putIfAbsent(key, object);
      if (earlier == null || earlier.fingerprint().equals(object.fingerprint())) {
        continue;
      }
      ctx.report(
              meta.location(),
              meta.displayName()
                  + " is declared again with different content (first at "
                  + earlier.meta().location().display()
                  + "): whichever kubectl applies last wins")
          .subject(meta.displayName())
          .related(earlier.meta().location(), "the first declaration")
          .fix(
              "Keep one declaration of "
                  + meta.displayName()
                  + " and delete the other (or give one another name).");
    }
  }

  private static String directory(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}

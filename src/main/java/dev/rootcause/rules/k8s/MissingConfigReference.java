package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.k8s.ConfigData;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvFromSource;
import dev.rootcause.model.k8s.EnvVar;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.Names;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A ConfigMap or Secret (or one of its keys) that a pod needs through {@code env.valueFrom}, {@code
 * envFrom}, a volume or a projected volume, and that the repository does not declare. Not flagged:
 * {@code optional: true} references, and kinds the repository does not manage itself (it declares
 * no Secrets, or an external secret operator makes them).
 */
@RuleSpec(
    id = "k8s/missing-config-reference",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Pod references a ConfigMap, Secret or key the manifests do not declare",
    symptom =
        "pods wait in CreateContainerConfigError (configmap \"app-config\" not found; couldn't"
            + " find key DB_HOST in ConfigMap default/app-config) or ContainerCreating"
            + " (MountVolume.SetUp failed)",
    fix = "Reference the ConfigMap or Secret (and key) by the name the manifests declare.")
public final class MissingConfigReference implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    Manifests manifests = Manifests.of(ctx.model());
    for (Workload w : ctx.model().workloads()) {
      Set<String> reported = new HashSet<>();
      w.allContainers().forEach(c -> container(ctx, manifests, w, c, reported));
      Optional<ManifestObject.PodReferences> pod = manifests.of(w.meta()).map(ManifestObject::pod);
      for (ManifestObject.VolumeRef v : pod.map(p -> p.volumes()).orElse(List.of())) {
        if (v.optional() || v.kind().equals("PersistentVolumeClaim")) {
          continue;
        }
        String object = v.kind().equals("Secret") ? "secret" : "configmap";
        check(
            ctx,
            manifests,
            w,
            reported,
            v.kind(),
            v.name(),
            v.keys(),
            v.location(),
            "mounts volume '" + v.volume() + "' from",
            "pods stay in ContainerCreating: MountVolume.SetUp failed for volume \""
                + v.volume()
                + "\" : "
                + object
                + " \""
                + v.name()
                + "\" not found");
      }
    }
  }

  private static void container(
      RuleContext ctx, Manifests manifests, Workload w, Container c, Set<String> reported) {
    for (EnvVar env : c.env()) {
      EnvVar.ValueSource from = env.valueFrom();
      boolean config =
          from != null
              && (EnvVar.ValueSource.CONFIG_MAP.equals(from.kind())
                  || EnvVar.ValueSource.SECRET.equals(from.kind()));
      if (!config || from.optional()) {
        continue;
      }
      check(
          ctx,
          manifests,
          w,
          reported,
          from.kind(),
          from.objectName(),
          from.key() == null ? List.of() : List.of(from.key()),
          env.location(),
          "container " + c.name() + " reads " + env.name() + " from",
          "pods wait in CreateContainerConfigError: "
              + from.kind().toLowerCase(java.util.Locale.ROOT)
              + " \""
              + from.objectName()
              + "\" not found");
    }
    for (EnvFromSource from : c.envFrom()) {
      if (!from.optional()) {
        check(
            ctx,
            manifests,
            w,
            reported,
            from.kind(),
            from.objectName(),
            List.of(),
            from.location(),
            "container " + c.name() + " loads its env from",
            "pods wait in CreateContainerConfigError: "
                + from.kind().toLowerCase(java.util.Locale.ROOT)
                + " \""
                + from.objectName()
                + "\" not found");
      }
    }
  }

  private static void check(
      RuleContext ctx,
      Manifests manifests,
      Workload w,
      Set<String> reported,
      String kind,
      String name,
      List<String> keys,
      SourceLocation at,
      String what,
      String symptom) {
    if (name == null) {
      return;
    }
    if (!manifests.defines(kind, w.meta().namespace(), name)) {
      if (reported.add(kind + "/" + name)) {
        MissingObjects.report(ctx, manifests, w.meta(), kind, name, at, what, symptom);
      }
      return;
    }
    Optional<ConfigData> data =
        ctx.model().config(kind.equals("Secret"), w.meta().namespace(), name);
    if (data.isEmpty()) {
      return; // made by a generator or an operator: its keys are unknown
    }
    for (String key : keys) {
      if (data.get().entries().containsKey(key) || !reported.add(kind + "/" + name + "/" + key)) {
        continue;
      }
      Optional<String> meant = Names.closest(key, data.get().entries().keySet(), k -> k);
      ctx.report(
              at,
              w.meta().displayName()
                  + " "
                  + what
                  + " key '"
                  + key
                  + "' of "
                  + kind
                  + " "
                  + name
                  + ", which has no such key"
                  + meant.map(m -> " (did you mean '" + m + "'?)").orElse(""))
          .subject(w.meta().displayName())
          .related(data.get().meta().location(), kind + " " + name + " and its keys")
          .symptom(
              "pods wait in CreateContainerConfigError: couldn't find key "
                  + key
                  + " in "
                  + kind
                  + " "
                  + (w.meta().namespace() == null ? "default" : w.meta().namespace())
                  + "/"
                  + name)
          .fix(
              meant
                  .map(m -> "Change the key '" + key + "' to '" + m + "'.")
                  .orElse("Add key " + key + " to " + kind + " " + name + "."));
    }
  }
}

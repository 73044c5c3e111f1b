package dev.rootcause.collect.k8s;

import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the objects of one file as a cluster when kubectl printed them ({@code kubectl get all -o
 * yaml}): an object a controller owns (a ReplicaSet of a Deployment, a Pod of a ReplicaSet, old
 * ones at {@code replicas: 0} included) repeats its owner's template, so its problems are reported
 * once, on the owner, or on the first object of each owner the file lacks; and the platform's own
 * workloads in {@code kube-system} (CoreDNS probing ports it does not declare, which works) are not
 * the team's to fix. An object is live state when it carries what only the API server writes (uid,
 * resourceVersion, ownerReferences, status) or what {@code kubectl apply} leaves ({@code
 * kubectl.kubernetes.io/last-applied-configuration}).
 */
final class LiveState {
  /** The annotation {@code kubectl apply} writes on every object it applies. */
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** Namespaces whose live objects belong to the cluster's distribution, not to the team. */
  private static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-node-lease");

  /** An object of the file and the line its declaration ends on. */
  record Declared(Mapping object, int endLine) {}

  private final Set<String> present = new HashSet<>();
  private final Set<String> ownersSeen = new HashSet<>();
  private final Map<String, Integer> owned = new TreeMap<>();
  private int system;

  LiveState(List<Declared> objects) {
    for (Declared d : objects) {
      Mapping meta = d.object().map("metadata").orElse(null);
      if (meta == null) {
        continue;
      }
      if (meta.string("uid") != null) {
        present.add("uid:" + meta.string("uid"));
      }
      present.add(key(d.object().string("kind"), meta.string("namespace"), meta.string("name")));
    }
  }

  /** Whether the rules should see {@code d}; counts what they will not, for the note. */
  boolean checked(Declared d) {
    Mapping object = d.object();
    Mapping meta = object.map("metadata").orElse(null);
    if (meta == null || !isLive(object, meta)) {
      return true;
    }
    String namespace = meta.string("namespace");
    if (namespace != null && SYSTEM_NAMESPACES.contains(namespace)) {
      system++;
      return false;
    }
    Optional<Mapping> owner = controller(meta);
    if (owner.isEmpty()) {
      return true;
    }
    String ownerKey = key(owner.get().string("kind"), namespace, owner.get().string("name"));
    String ownerUid = owner.get().string("uid");
    boolean ownerHere =
        ownerUid != null && present.contains("uid:" + ownerUid) || present.contains(ownerKey);
    if (ownerHere || !ownersSeen.add(ownerUid != null ? ownerUid : ownerKey)) {
      owned.merge(object.string("kind"), 1, Integer::sum);
      return false;
    }
    return true;
  }

  /** One note on the file saying what was read as owned or as the platform's, if anything. */
  Optional<CollectionProblem> note(SourceFile file) {
    if (owned.isEmpty() && system == 0) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("kubectl output (live state): ");
    if (!owned.isEmpty()) {
      StringBuilder kinds = new StringBuilder();
      owned.forEach(
          (kind, n) ->
              kinds
                  .append(kinds.isEmpty() ? "" : ", ")
                  .append(n)
                  .append(' ')
                  .append(kind)
                  .append(n == 1 ? "" : "s"));
      sb.append(kinds).append(" owned by a controller are reported once, on their owner");
    }
    if (system > 0) {
      sb.append(owned.isEmpty() ? "" : "; ")
          .append(system)
          .append(system == 1 ? " object" : " objects")
          .append(" of kube-system (the platform's own workloads) not checked");
    }
    return Optional.of(CollectionProblem.note(SourceLocation.file(file.path()), sb.toString()));
  }

  static boolean isLive(Mapping object, Mapping meta) {
    return meta.has("uid")
        || meta.has("resourceVersion")
        || meta.has("ownerReferences")
        || meta.map("annotations").map(a -> a.has(LAST_APPLIED)).orElse(false)
        || object.has("status");
  }

  /** The reference with {@code controller: true}, else the only one. */
  private static Optional<Mapping> controller(Mapping meta) {
    if (!(meta.get("ownerReferences").orElse(null) instanceof YamlNode.Sequence refs)) {
      return Optional.empty();
    }
    List<Mapping> owners =
        refs.items().stream()
            .filter(Mapping.class::isInstance)
            .map(Mapping.class::cast)
            .filter(m -> m.string("kind") != null && m.string("name") != null)
            .toList();
    return owners.stream()
        .filter(m -> "true".equals(String.valueOf(m.string("controller")).toLowerCase(Locale.ROOT)))
        .findFirst()
        .or(() -> owners.size() == 1 ? Optional.of(owners.get(0)) : Optional.empty());
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }
}

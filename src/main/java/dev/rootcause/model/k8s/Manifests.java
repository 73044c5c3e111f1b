package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The repository's manifests as the API would take them: each object's schema check, and whether an
 * object a manifest names is created by the repository (by a manifest, a kustomize generator, an
 * external secret operator) or, evidently, outside it.
 */
public final class Manifests {
  /** Kinds that make Secrets from a store outside the repository (operators, cert-manager). */
  private static final Set<String> SECRET_MAKERS =
      Set.of(
          "ExternalSecret",
          "ClusterExternalSecret",
          "SecretStore",
          "ClusterSecretStore",
          "SealedSecret",
          "SecretProviderClass",
          "Certificate",
          "VaultStaticSecret",
          "VaultDynamicSecret",
          "OnePasswordItem");

  private final SystemModel model;
  private final List<ManifestObject> objects;
  private final List<DeclaredElsewhere> elsewhere;
  private final Map<SourceLocation, ManifestObject> byLocation = new HashMap<>();

  private Manifests(SystemModel model) {
    this.model = model;
    this.objects = model.details(ManifestObject.class);
    this.elsewhere = model.details(DeclaredElsewhere.class);
    objects.forEach(o -> byLocation.putIfAbsent(o.meta().location(), o));
  }

  public static Manifests of(SystemModel model) {
    return new Manifests(model);
  }

  /** Every checked document, objects and refused documents alike, in walk order. */
  public List<ManifestObject> objects() {
    return objects;
  }

  /** The check of the object declared with {@code meta}, if it was checked. */
  public Optional<ManifestObject> of(ObjectMeta meta) {
    return Optional.ofNullable(byLocation.get(meta.location()));
  }

  /**
   * Whether the repository creates {@code kind} {@code name} where {@code namespace} can see it.
   */
  public boolean defines(String kind, String namespace, String name) {
    return model.objectsOfKind(kind).stream()
            .anyMatch(o -> o.name().equals(name) && o.sameNamespace(namespace))
        || elsewhere.stream()
            .anyMatch(
                e ->
                    e.kind().equals(kind)
                        && e.name().equals(name)
                        && (e.namespace() == null
                            || namespace == null
                            || e.namespace().equals(namespace)));
  }

  /** The names of the {@code kind} objects the repository creates, for suggesting the one meant. */
  public List<String> namesOf(String kind) {
    return Stream.concat(
            model.objectsOfKind(kind).stream().map(ObjectMeta::name),
            elsewhere.stream().filter(e -> e.kind().equals(kind)).map(DeclaredElsewhere::name))
        .distinct()
        .toList();
  }

  /**
   * Whether the repository manages objects of {@code kind} itself: it declares at least one. When
   * it declares none, they are created outside it (a README's {@code kubectl create secret}, a
   * pipeline), and a name it does not define is unknown, not wrong.
   */
  public boolean managesKind(String kind) {
    return !namesOf(kind).isEmpty()
        && !(kind.equals("Secret") && SECRET_MAKERS.stream().anyMatch(model::declaresAny));
  }
}

package dev.rootcause.collect.k8s;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.model.k8s.DeclaredElsewhere;
import dev.rootcause.model.k8s.ManifestObject.IngressRoutes;
import dev.rootcause.model.k8s.ManifestObject.NamedRef;
import dev.rootcause.model.k8s.ManifestObject.Path;
import dev.rootcause.model.k8s.ManifestObject.PodReferences;
import dev.rootcause.model.k8s.ManifestObject.Tls;
import dev.rootcause.model.k8s.ManifestObject.VolumeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the names one object gives to others that must exist beside it: a pod template's service
 * account, pull secrets and volumes; an Ingress's class, TLS secrets and paths; the ConfigMaps and
 * Secrets a kustomization generates.
 */
final class ObjectRefsReader {
  static final String REWRITE_TARGET = "nginx.ingress.kubernetes.io/rewrite-target";

  private ObjectRefsReader() {}

  /** What a pod template names, or null for an object without one. */
  static PodReferences pod(String kind, Mapping object) {
    Optional<Mapping> template =
        ObjectReader.podTemplate(kind, object.map("spec").orElse(null)).flatMap(t -> t.map("spec"));
    if (template.isEmpty()) {
      return null;
    }
    Mapping spec = template.get();
    String account = spec.string("serviceAccountName");
    String accountKey = "serviceAccountName";
    if (account == null && spec.string("serviceAccount") != null) {
      account = spec.string("serviceAccount");
      accountKey = "serviceAccount";
    }
    List<NamedRef> pullSecrets = new ArrayList<>();
    for (Mapping s : spec.maps("imagePullSecrets")) {
      if (s.string("name") != null) {
        pullSecrets.add(new NamedRef(s.string("name"), s.locationOf("name")));
      }
    }
    List<VolumeRef> volumes = new ArrayList<>();
    for (Mapping v : spec.maps("volumes")) {
      String volume = v.string("name");
      v.map("configMap").ifPresent(c -> volumes.add(ref(volume, "ConfigMap", c, "name")));
      v.map("secret").ifPresent(c -> volumes.add(ref(volume, "Secret", c, "secretName")));
      v.map("persistentVolumeClaim")
          .ifPresent(c -> volumes.add(ref(volume, "PersistentVolumeClaim", c, "claimName")));
      for (Mapping source : v.path("projected").map(p -> p.maps("sources")).orElse(List.of())) {
        source.map("configMap").ifPresent(c -> volumes.add(ref(volume, "ConfigMap", c, "name")));
        source.map("secret").ifPresent(c -> volumes.add(ref(volume, "Secret", c, "name")));
      }
    }
    return new PodReferences(
        account,
        account == null ? null : spec.locationOf(accountKey),
        pullSecrets,
        volumes.stream().filter(r -> r.name() != null).toList());
  }

  private static VolumeRef ref(String volume, String kind, Mapping source, String nameKey) {
    List<String> keys = new ArrayList<>();
    source.maps("items").forEach(i -> Optional.ofNullable(i.string("key")).ifPresent(keys::add));
    return new VolumeRef(
        volume,
        kind,
        source.string(nameKey),
        keys,
        "true".equals(source.string("optional")),
        ManifestChecker.keyAt(source, nameKey));
  }

  /** An Ingress's class, TLS entries, paths and rewrite annotation. */
  static IngressRoutes ingress(Mapping object) {
    Mapping spec = object.map("spec").orElse(null);
    NamedRef className = null;
    List<Tls> tls = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    if (spec != null) {
      if (spec.string("ingressClassName") != null) {
        className =
            new NamedRef(spec.string("ingressClassName"), spec.locationOf("ingressClassName"));
      }
      for (Mapping t : spec.maps("tls")) {
        tls.add(new Tls(t.string("secretName"), t.strings("hosts"), t.location()));
      }
      for (Mapping rule : spec.maps("rules")) {
        for (Mapping p : rule.path("http").map(h -> h.maps("paths")).orElse(List.of())) {
          paths.add(
              new Path(p.string("path"), p.string("pathType"), ManifestChecker.keyAt(p, "path")));
        }
      }
    }
    Optional<Mapping> annotations = object.path("metadata", "annotations");
    String rewrite = annotations.map(a -> a.string(REWRITE_TARGET)).orElse(null);
    return new IngressRoutes(
        className,
        tls,
        paths,
        rewrite,
        rewrite == null ? null : annotations.get().locationOf(REWRITE_TARGET));
  }

  /** The ConfigMaps and Secrets a kustomization's generators create (names before the hash). */
  static void generators(Mapping kustomization, Facts facts) {
    String namespace = kustomization.string("namespace");
    for (String section : List.of("configMapGenerator", "secretGenerator")) {
      String kind = section.startsWith("configMap") ? "ConfigMap" : "Secret";
      for (Mapping g : kustomization.maps(section)) {
        if (g.string("name") != null) {
          facts
              .model()
              .detail(
                  new DeclaredElsewhere(
                      kind,
                      g.string("name"),
                      Optional.ofNullable(g.string("namespace")).orElse(namespace),
                      "kustomize " + section,
                      g.locationOf("name")));
        }
      }
    }
  }
}

package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.List;

/**
 * What the manifest reader checked of one document that is, or tries to be, a Kubernetes object,
 * beyond what the typed records keep: whether the API serves its apiVersion and kind, the fields
 * its kind's schema does not have, the values the API parses (quantities, enums, Secret data), a
 * fingerprint of its content, and the objects its pods and routes name. A document with no
 * apiVersion or no kind is not read into the model; it is known only here ({@code type.written()}
 * false), with {@code meta} holding what it does say.
 */
public record ManifestObject(
    ObjectMeta meta,
    TypeCheck type,
    List<UnknownField> unknownFields,
    List<FieldValue> values,
    String fingerprint,
    PodReferences pod,
    IngressRoutes ingress)
    implements java.io.Serializable {

  public ManifestObject {
    unknownFields = List.copyOf(unknownFields);
    values = List.copyOf(values);
  }

  /**
   * The apiVersion/kind pair against the API's schema. {@code served} when the API serves the pair;
   * {@code versionsOfKind} the apiVersions that serve the kind (empty for a kind the API does not
   * have); {@code knownGroup} when the apiVersion's group is Kubernetes' own rather than a CRD's;
   * {@code kinds} every kind the API serves, filled only when the kind is unknown (to suggest the
   * one meant).
   */
  public record TypeCheck(
      boolean apiVersionWritten,
      boolean kindWritten,
      boolean served,
      boolean knownGroup,
      List<String> versionsOfKind,
      List<String> kinds)
      implements java.io.Serializable {

    public TypeCheck {
      versionsOfKind = List.copyOf(versionsOfKind);
      kinds = List.copyOf(kinds);
    }

    public boolean written() {
      return apiVersionWritten && kindWritten;
    }
  }

  /**
   * A key the schema of its type does not have: {@code path} is where it sits ({@code
   * spec.template.spec.containers[0]}), {@code known} the fields that type does have, {@code
   * belongsAt} a neighbouring level that has a field of that name (one level up or down), if any.
   */
  public record UnknownField(
      String path, String name, List<String> known, String belongsAt, SourceLocation location)
      implements java.io.Serializable {

    public UnknownField {
      known = List.copyOf(known);
    }
  }

  /**
   * A value the API parses: {@code owner} is the schema type holding the field ({@code Container},
   * {@code ServiceSpec}), {@code field} its name, {@code path} where it sits. Secret data values
   * are never kept: a {@link Check#BASE64} value is recorded only when it does not decode, as null.
   */
  public record FieldValue(
      Check check, String owner, String field, String path, String value, SourceLocation location)
      implements java.io.Serializable {}

  /** How the API parses a recorded value. */
  public enum Check {
    QUANTITY,
    ENUM,
    BASE64,
    /** A scalar where the API wants an integer, written quoted or not as digits. */
    INTEGER,
    /** A scalar where the API wants a boolean, written quoted or not as true/false. */
    BOOLEAN
  }

  /** The objects a pod template names besides its env: service account, pull secrets, volumes. */
  public record PodReferences(
      String serviceAccount,
      SourceLocation serviceAccountLocation,
      List<NamedRef> imagePullSecrets,
      List<VolumeRef> volumes)
      implements java.io.Serializable {

    public PodReferences {
      imagePullSecrets = List.copyOf(imagePullSecrets);
      volumes = List.copyOf(volumes);
    }
  }

  /** A name written at a location. */
  public record NamedRef(String name, SourceLocation location) implements java.io.Serializable {}

  /**
   * A volume (or projected source) backed by an object: {@code kind} ConfigMap, Secret or
   * PersistentVolumeClaim; {@code keys} the items it picks ({@code items[].key}).
   */
  public record VolumeRef(
      String volume,
      String kind,
      String name,
      List<String> keys,
      boolean optional,
      SourceLocation location)
      implements java.io.Serializable {

    public VolumeRef {
      keys = List.copyOf(keys);
    }
  }

  /**
   * What an Ingress says beyond its backends: its class, its TLS secrets and every path with its
   * pathType. {@code rewriteTarget} is the nginx {@code rewrite-target} annotation, if any.
   */
  public record IngressRoutes(
      NamedRef ingressClassName,
      List<Tls> tls,
      List<Path> paths,
      String rewriteTarget,
      SourceLocation rewriteTargetLocation)
      implements java.io.Serializable {

    public IngressRoutes {
      tls = List.copyOf(tls);
      paths = List.copyOf(paths);
    }
  }

  /** One {@code tls[]} entry. */
  public record Tls(String secretName, List<String> hosts, SourceLocation location)
      implements java.io.Serializable {
    public Tls {
      hosts = List.copyOf(hosts);
    }
  }

  /** One HTTP path of an Ingress rule and where it is written. */
  public record Path(String path, String pathType, SourceLocation location)
      implements java.io.Serializable {}
}

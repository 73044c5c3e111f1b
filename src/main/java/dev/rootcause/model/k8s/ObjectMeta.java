package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Identity of a Kubernetes object and where it was declared. {@code namespace} is null when the
 * manifest does not say (it is then decided at apply time). {@code location} is the object's first
 * line, {@code endLine} its last, so findings inside it can honour its ignore annotation.
 */
public record ObjectMeta(
    String apiVersion,
    String kind,
    String name,
    String namespace,
    Map<String, String> labels,
    Map<String, String> annotations,
    SourceLocation location,
    int endLine)
    implements java.io.Serializable {

  /** {@code rootcause.io/ignore: k8s/missing-resources,docker/runs-as-root} on any object. */
  public static final String IGNORE_ANNOTATION = "rootcause.io/ignore";

  public ObjectMeta {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  /** Rule ids this object's annotation suppresses; {@code *} suppresses every rule. */
  public Set<String> ignoredRules() {
    String value = annotations.get(IGNORE_ANNOTATION);
    if (value == null) {
      return Set.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** {@code Deployment production/api}; the namespace is left out when the manifest has none. */
  public String displayName() {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }

  /** Whether two objects end up in the same namespace; an unset namespace matches any. */
  public boolean sameNamespace(ObjectMeta other) {
    return namespace == null || other.namespace == null || namespace.equals(other.namespace);
  }

  public boolean sameNamespace(String otherNamespace) {
    return namespace == null || otherNamespace == null || namespace.equals(otherNamespace);
  }

  /** Whether a finding at {@code where} falls inside this object's declaration. */
  public boolean encloses(SourceLocation where) {
    return where.path().equals(location.path())
        && where.line() >= location.line()
        && where.line() <= endLine;
  }
}

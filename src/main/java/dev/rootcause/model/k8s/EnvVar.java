package dev.rootcause.model.k8s;

import dev.rootcause.model.Sensitive;
import dev.rootcause.model.SourceLocation;

/**
 * One {@code env[]} entry. Either {@code value} (literal; {@link Sensitive} because env values hold
 * passwords) or {@code valueFrom} is set; both may be null ({@code value: ""} is an empty literal).
 */
public record EnvVar(String name, Sensitive value, ValueSource valueFrom, SourceLocation location)
    implements java.io.Serializable {

  /** {@code valueFrom}: a key of a ConfigMap or Secret, or a field/resource of the pod. */
  public record ValueSource(String kind, String objectName, String key, boolean optional)
      implements java.io.Serializable {
    public static final String CONFIG_MAP = "ConfigMap";
    public static final String SECRET = "Secret";
    public static final String FIELD = "Field";
    public static final String RESOURCE = "Resource";
  }
}

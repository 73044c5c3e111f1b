package dev.rootcause.model.k8s;

/**
 * An IntOrString port: a number ({@code 8080}) or the name of a container port ({@code http}).
 * Exactly one of {@code number} and {@code name} is set.
 */
public record PortRef(Integer number, String name) implements java.io.Serializable {

  public static PortRef of(int number) {
    return new PortRef(number, null);
  }

  public static PortRef named(String name) {
    return new PortRef(null, name);
  }

  public boolean isNamed() {
    return name != null;
  }

  @Override
  public String toString() {
    return isNamed() ? "'" + name + "'" : String.valueOf(number);
  }
}

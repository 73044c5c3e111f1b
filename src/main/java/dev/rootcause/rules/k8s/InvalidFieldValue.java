package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.EnumFields;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.ManifestObject.Check;
import dev.rootcause.model.k8s.ManifestObject.FieldValue;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.model.k8s.Quantity;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A value the API server does not parse: a quantity in another notation ({@code 512mb}, {@code
 * 0.5cores}, {@code 1GB}), or a value outside a field's fixed set ({@code imagePullPolicy:
 * Sometimes}, {@code type: Value} for a Resource metric, {@code restartPolicy: Never} in a
 * Deployment), or a quoted number or boolean where the API wants one ({@code containerPort:
 * "8080"}). The object is refused as a whole.
 */
@RuleSpec(
    id = "k8s/invalid-field-value",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Field value the Kubernetes API refuses (quantity, enum, integer or boolean)",
    symptom =
        "kubectl apply: ... is invalid: spec.template.spec.containers[0].imagePullPolicy:"
            + " Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\","
            + " \"Never\"; the object is not created or updated",
    fix = "Write the value in the form the API accepts (512Mi, 500m, one of the listed values).")
public final class InvalidFieldValue implements SystemRule {

  private static final Set<String> CONTROLLERS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController");

  @Override
  public void check(RuleContext ctx) {
    for (ManifestObject object : Manifests.of(ctx.model()).objects()) {
      for (FieldValue v : object.values()) {
        if (v.check() == Check.QUANTITY) {
          quantity(object, v, ctx);
        } else if (v.check() == Check.INTEGER || v.check() == Check.BOOLEAN) {
          wrongType(object, v, ctx);
        } else if (v.check() == Check.ENUM) {
          List<String> allowed = allowed(object, v);
          if (!allowed.isEmpty() && !allowed.contains(v.value())) {
            unsupported(object, v, allowed, ctx);
          }
        }
      }
    }
  }

  private static List<String> allowed(ManifestObject object, FieldValue v) {
    String key = v.owner() + "." + v.field();
    if (key.equals("PodSpec.restartPolicy")) {
      String kind = object.meta().kind();
      if (CONTROLLERS.contains(kind)) {
        return List.of("Always");
      }
      if (kind.equals("Job") || kind.equals("CronJob")) {
        return List.of("OnFailure", "Never");
      }
    }
    if (key.equals("MetricTarget.type")) {
      // The target type a metric accepts depends on its type, written beside it.
      String metricPath = v.path().substring(0, Math.max(0, v.path().indexOf(']') + 1)) + ".type";
      Optional<String> metric =
          object.values().stream()
              .filter(o -> o.path().equals(metricPath))
              .map(FieldValue::value)
              .findFirst();
      return switch (metric.orElse("")) {
        case "Resource", "ContainerResource" -> List.of("Utilization", "AverageValue");
        case "Pods" -> List.of("AverageValue");
        case "Object", "External" -> List.of("Value", "AverageValue");
        default -> EnumFields.allowed(v.owner(), v.field());
      };
    }
    return EnumFields.allowed(v.owner(), v.field());
  }

  private static void unsupported(
      ManifestObject object, FieldValue v, List<String> allowed, RuleContext ctx) {
    Optional<String> meant =
        allowed.stream().filter(a -> a.equalsIgnoreCase(v.value())).findFirst();
    String supported = allowed.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", "));
    ctx.report(
            v.location(),
            written(object, v.field(), v)
                + " is not one of "
                + String.join(", ", allowed)
                + (meant.isPresent() ? " (values are case-sensitive)" : ""))
        .subject(object.meta().displayName())
        .symptom(
            "kubectl apply: "
                + object.meta().kind()
                + " \""
                + object.meta().name()
                + "\" is invalid: "
                + v.path()
                + ": Unsupported value: \""
                + v.value()
                + "\": supported values: "
                + supported)
        .fix(
            "Set "
                + v.field()
                + " to "
                + meant.orElse(allowed.size() == 1 ? allowed.get(0) : "one of " + supported)
                + ".");
  }

  private static void wrongType(ManifestObject object, FieldValue v, RuleContext ctx) {
    boolean integer = v.check() == Check.INTEGER;
    String wanted = integer ? "an integer" : "a boolean (true or false)";
    String goType = integer ? "int32" : "bool";
    String plain = v.value().trim();
    boolean unquote =
        integer
            ? !plain.isEmpty() && plain.chars().allMatch(Character::isDigit)
            : plain.equals("true") || plain.equals("false");
    ctx.report(v.location(), written(object, v.field(), v) + " is not " + wanted)
        .subject(object.meta().displayName())
        .symptom(
            "kubectl apply: Error from server (BadRequest): json: cannot unmarshal string into Go"
                + " struct field of type "
                + goType
                + " ("
                + v.path()
                + "); the object is refused")
        .fix(
            unquote
                ? "Remove the quotes: " + v.field() + ": " + plain + "."
                : "Set " + v.field() + " to " + wanted + ".");
  }

  private static void quantity(ManifestObject object, FieldValue v, RuleContext ctx) {
    try {
      Quantity.parse(v.value());
      return;
    } catch (IllegalArgumentException e) {
      // reported below
    }
    Optional<String> meant = suggest(v.value());
    ctx.report(
            v.location(),
            written(object, v.path(), v)
                + " is not a Kubernetes quantity"
                + meant.map(m -> " (did you mean " + m + "?)").orElse(""))
        .subject(object.meta().displayName())
        .symptom(
            "kubectl apply: error: unable to decode: quantities must match the regular expression"
                + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'; the object is refused")
        .fix(
            meant
                .map(m -> "Write " + m + " instead of " + v.value() + ".")
                .orElse("Write the quantity as a number with a suffix the API knows (Mi, Gi, m)."));
  }

  /** {@code Deployment api: imagePullPolicy 'Sometimes'}: the object, the field and its value. */
  private static String written(ManifestObject object, String field, FieldValue v) {
    return object.meta().kind()
        + " "
        + object.meta().name()
        + ": "
        + field
        + " '"
        + v.value()
        + "'";
  }

  /** The notation meant by the common mistakes: {@code 512mb}, {@code 1GB}, {@code 0.5cores}. */
  private static Optional<String> suggest(String raw) {
    String text = raw.trim();
    int end = 0;
    while (end < text.length()
        && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
      end++;
    }
    if (end == 0) {
      return Optional.empty();
    }
    String number = text.substring(0, end);
    String unit = text.substring(end).trim().toLowerCase(Locale.ROOT);
    return switch (unit) {
      case "kb", "kib", "k" -> Optional.of(number + "Ki");
      case "mb", "mib", "mbi" -> Optional.of(number + "Mi");
      case "gb", "gib", "g" -> Optional.of(number + "Gi");
      case "tb", "tib", "t" -> Optional.of(number + "Ti");
      case "core", "cores", "cpu", "cpus", "vcpu", "vcpus" -> Optional.of(cores(number));
      case "mcpu", "millicores", "millicpu" -> Optional.of(number + "m");
      default -> Optional.empty();
    };
  }

  private static String cores(String number) {
    try {
      java.math.BigDecimal value = new java.math.BigDecimal(number);
      if (value.scale() > 0 && value.compareTo(java.math.BigDecimal.ONE) < 0) {
        return value.movePointRight(3).stripTrailingZeros().toPlainString() + "m";
      }
      return value.stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return number;
    }
  }
}

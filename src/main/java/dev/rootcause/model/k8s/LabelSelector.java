package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A label selector: {@code matchLabels} plus {@code matchExpressions}, or a Service's plain map. An
 * empty selector matches everything (as Kubernetes defines it for NetworkPolicy).
 */
public record LabelSelector(
    Map<String, String> matchLabels, List<Requirement> expressions, SourceLocation location)
    implements java.io.Serializable {

  public LabelSelector {
    matchLabels = Map.copyOf(matchLabels);
    expressions = List.copyOf(expressions);
  }

  /** One {@code matchExpressions} entry: {@code key In/NotIn/Exists/DoesNotExist values}. */
  public record Requirement(String key, String operator, List<String> values)
      implements java.io.Serializable {
    public Requirement {
      values = List.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (operator) {
        case "In" -> v != null && values.contains(v);
        case "NotIn" -> v == null || !values.contains(v);
        case "Exists" -> v != null;
        case "DoesNotExist" -> v == null;
        default -> false; // unknown operator: match nothing rather than guess
      };
    }

    @Override
    public String toString() {
      return key + " " + operator + " " + values;
    }
  }

  public boolean isEmpty() {
    return matchLabels.isEmpty() && expressions.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return expressions.stream().allMatch(r -> r.matches(labels));
  }

  /** {@code app=gateway,tier=web}, the way kubectl prints a selector. */
  @Override
  public String toString() {
    String labels =
        matchLabels.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
    if (expressions.isEmpty()) {
      return labels;
    }
    String exprs = expressions.stream().map(Requirement::toString).collect(Collectors.joining(","));
    return labels.isEmpty() ? exprs : labels + "," + exprs;
  }
}

package dev.rootcause.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A label selector as {@code kubectl -l} takes it: {@code app=api}, {@code tier!=cache}, {@code env
 * in (prod,staging)}, {@code env notin (dev)}, {@code canary}, {@code !canary}, joined by commas;
 * every term must hold.
 */
final class LabelSelector {
  private record Term(String key, String op, Set<String> values) {
    boolean test(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (op) {
        case "=" -> values.contains(v);
        case "!=" -> !values.contains(v);
        case "in" -> v != null && values.contains(v);
        case "notin" -> !values.contains(v);
        case "exists" -> v != null;
        default -> v == null; // "!": the key is absent
      };
    }
  }

  private final String text;
  private final List<Term> terms;

  private LabelSelector(String text, List<Term> terms) {
    this.text = text;
    this.terms = List.copyOf(terms);
  }

  /**
   * Parses a selector.
   *
   * @throws InputException it is not one kubectl would take
   */
  static LabelSelector parse(String text) throws InputException {
    List<Term> terms = new ArrayList<>();
    for (String raw : split(text)) {
      String t = raw.strip();
      if (t.isEmpty()) {
        throw new InputException("-l " + text + ": an empty term");
      }
      int in = t.indexOf(" in ");
      int notin = t.indexOf(" notin ");
      if (notin > 0 || in > 0) {
        boolean not = notin > 0;
        String key = t.substring(0, not ? notin : in).strip();
        String set = t.substring((not ? notin : in) + (not ? 7 : 4)).strip();
        if (!set.startsWith("(") || !set.endsWith(")")) {
          throw new InputException(
              "-l " + text + ": expected (a,b) after " + (not ? "notin" : "in"));
        }
        terms.add(new Term(key, not ? "notin" : "in", values(set.substring(1, set.length() - 1))));
      } else if (t.contains("!=")) {
        int i = t.indexOf("!=");
        terms.add(new Term(t.substring(0, i).strip(), "!=", Set.of(t.substring(i + 2).strip())));
      } else if (t.contains("=")) {
        int i = t.indexOf('=');
        String value = t.substring(t.startsWith("=", i + 1) ? i + 2 : i + 1).strip();
        terms.add(new Term(t.substring(0, i).strip(), "=", Set.of(value)));
      } else if (t.startsWith("!")) {
        terms.add(new Term(t.substring(1).strip(), "!", Set.of()));
      } else {
        terms.add(new Term(t, "exists", Set.of()));
      }
    }
    for (Term term : terms) {
      if (term.key().isEmpty() || term.key().chars().anyMatch(Character::isWhitespace)) {
        throw new InputException("-l " + text + ": no label key in a term");
      }
    }
    return new LabelSelector(text, terms);
  }

  /** Commas separate terms, except inside the parentheses of a set. */
  private static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }

  private static Set<String> values(String list) {
    Set<String> out = new java.util.HashSet<>();
    for (String v : list.split(",")) {
      out.add(v.strip());
    }
    return out;
  }

  boolean matches(Map<String, String> labels) {
    return terms.stream().allMatch(t -> t.test(labels));
  }

  @Override
  public String toString() {
    return text;
  }
}

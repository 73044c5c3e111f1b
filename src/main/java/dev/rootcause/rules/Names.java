package dev.rootcause.rules;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

/** Suggests the name someone meant: {@code database} for {@code database-service}, typos. */
public final class Names {
  private Names() {}

  /**
   * The candidate whose name is closest to {@code wanted}, when one is close enough to suggest: one
   * name contains the other, they share a long prefix, or they differ by two edits at most.
   */
  public static <T> Optional<T> closest(
      String wanted, Collection<T> candidates, Function<T, String> name) {
    return candidates.stream()
        .filter(c -> score(wanted, name.apply(c)) > 0)
        .max(
            Comparator.comparingInt((T c) -> score(wanted, name.apply(c)))
                .thenComparing(c -> -distance(wanted, name.apply(c))));
  }

  private static int score(String a, String b) {
    if (a.equals(b)) {
      return 0; // the same name is not a suggestion
    }
    int shorter = Math.min(a.length(), b.length());
    if (shorter >= 3 && (a.startsWith(b) || b.startsWith(a))) {
      return 300 + shorter;
    }
    if (shorter >= 3 && (a.contains(b) || b.contains(a))) {
      return 200 + shorter;
    }
    int prefix = 0;
    while (prefix < shorter && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    if (prefix >= 4 && prefix * 2 >= shorter) {
      return 100 + prefix;
    }
    int d = distance(a, b);
    return d <= 2 && shorter > d * 2 ? 50 - d : 0;
  }

  /** Levenshtein distance: the edits that turn one name into the other. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The words of a name split at {@code -}, {@code _} and {@code .}: {@code order-service.v2}. */
  public static java.util.List<String> words(String name) {
    java.util.List<String> words = new java.util.ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (char c : (name + "-").toCharArray()) {
      if (c == '-' || c == '_' || c == '.') {
        if (!word.isEmpty()) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    return words;
  }
}

package dev.rootcause.collect.render;

import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the lines Helm rendered from one template back to the template's lines, and a value that
 * came from a single {@code .Values} reference to the values file line that set it. Helm keeps no
 * such map, so it is rebuilt by aligning each rendered line with the next template line whose
 * literal text (around its actions) it carries; a rendered line no template line spells (the body
 * of a {@code toYaml} or {@code include}) falls on the action that produced it.
 */
final class HelmSourceMap {
  private final String templatePath;
  private final List<Line> template;
  private final ValuesIndex values;
  private int next;

  /** One template line: its literal pieces between actions, and the values it references. */
  private record Line(int number, List<String> pieces, boolean actionOnly, List<String> refs) {}

  HelmSourceMap(String templatePath, String templateText, ValuesIndex values) {
    this.templatePath = templatePath;
    this.template = parse(templateText);
    this.values = values;
  }

  /**
   * Where each line of one rendered document was written (index 0 is the document's line 1).
   * Successive documents of the same template continue where the previous one stopped.
   */
  SourceLocation[] map(List<String> rendered) {
    SourceLocation[] out = new SourceLocation[rendered.size()];
    SourceLocation last = SourceLocation.of(templatePath, 1);
    Line lastAction = null;
    for (int i = 0; i < rendered.size(); i++) {
      String r = rendered.get(i).strip();
      if (r.isEmpty() || r.startsWith("#")) {
        out[i] = last;
        continue;
      }
      int found = find(r, next);
      if (found < 0 && next > 0) {
        found = find(r, 0); // a range or a second document of the template starts over
      }
      if (found >= 0) {
        Line t = template.get(found);
        next = found + 1;
        lastAction = actionBefore(found);
        last = SourceLocation.of(templatePath, t.number());
        out[i] = t.refs().size() == 1 ? values.locate(t.refs().get(0), valueOf(r), last) : last;
      } else {
        Line action = next < template.size() ? firstActionFrom(next) : lastAction;
        SourceLocation at =
            action == null ? last : SourceLocation.of(templatePath, action.number());
        out[i] =
            action != null && action.refs().size() == 1
                ? values.locateLeaf(action.refs().get(0), keyOf(r), valueOf(r), at)
                : at;
      }
    }
    return out;
  }

  private int find(String rendered, int from) {
    for (int j = from; j < template.size(); j++) {
      Line t = template.get(j);
      if (!t.actionOnly() && matches(t.pieces(), rendered)) {
        return j;
      }
    }
    return -1;
  }

  private Line actionBefore(int index) {
    return index + 1 < template.size() && template.get(index + 1).actionOnly()
        ? template.get(index + 1)
        : null;
  }

  private Line firstActionFrom(int index) {
    for (int j = index; j < template.size(); j++) {
      Line t = template.get(j);
      if (t.actionOnly() && !t.refs().isEmpty()) {
        return t;
      }
      if (!t.actionOnly()) {
        break;
      }
    }
    return null;
  }

  /** Literal pieces in order; the first a prefix, the last a suffix, when the line has them. */
  private static boolean matches(List<String> pieces, String rendered) {
    if (pieces.size() == 1) {
      return pieces.get(0).equals(rendered);
    }
    String first = pieces.get(0);
    String lastPiece = pieces.get(pieces.size() - 1);
    if (first.isBlank() || !rendered.startsWith(first) || !rendered.endsWith(lastPiece)) {
      return false;
    }
    int at = first.length();
    for (int k = 1; k < pieces.size() - 1; k++) {
      int found = rendered.indexOf(pieces.get(k), at);
      if (found < 0) {
        return false;
      }
      at = found + pieces.get(k).length();
    }
    return rendered.length() - lastPiece.length() >= at;
  }

  private static String keyOf(String rendered) {
    String r = rendered.startsWith("- ") ? rendered.substring(2) : rendered;
    int colon = r.indexOf(": ");
    return colon < 0
        ? (r.endsWith(":") ? r.substring(0, r.length() - 1) : null)
        : r.substring(0, colon);
  }

  /** The scalar a rendered {@code key: value} (or {@code - value}) line carries, unquoted. */
  static String valueOf(String rendered) {
    String r = rendered.startsWith("- ") ? rendered.substring(2) : rendered;
    int colon = r.indexOf(": ");
    String v = (colon < 0 ? r : r.substring(colon + 2)).strip();
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      v = v.substring(1, v.length() - 1);
    }
    return v;
  }

  private static List<Line> parse(String text) {
    List<Line> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    boolean inAction = false;
    for (int n = 0; n < raw.length; n++) {
      String s = raw[n].strip();
      List<String> pieces = new ArrayList<>();
      List<String> refs = new ArrayList<>();
      StringBuilder literal = new StringBuilder();
      int i = 0;
      while (i < s.length()) {
        if (inAction) {
          int close = s.indexOf("}}", i);
          String action = close < 0 ? s.substring(i) : s.substring(i, close);
          refs.addAll(valueRefs(action));
          if (close < 0) {
            i = s.length();
          } else {
            inAction = false;
            i = close + 2;
          }
        } else {
          int open = s.indexOf("{{", i);
          if (open < 0) {
            literal.append(s, i, s.length());
            i = s.length();
          } else {
            literal.append(s, i, open);
            pieces.add(literal.toString());
            literal.setLength(0);
            inAction = true;
            i = open + 2;
          }
        }
      }
      pieces.add(literal.toString());
      boolean actionOnly = pieces.stream().allMatch(String::isBlank);
      lines.add(new Line(n + 1, List.copyOf(pieces), actionOnly, List.copyOf(refs)));
    }
    return lines;
  }

  /** {@code .Values.image.tag} references in one action, as {@code image.tag}. */
  private static List<String> valueRefs(String action) {
    List<String> refs = new ArrayList<>();
    int at = action.indexOf(".Values.");
    while (at >= 0) {
      int end = at + ".Values.".length();
      while (end < action.length()
          && (Character.isLetterOrDigit(action.charAt(end))
              || action.charAt(end) == '.'
              || action.charAt(end) == '_'
              || action.charAt(end) == '-')) {
        end++;
      }
      String ref = action.substring(at + ".Values.".length(), end);
      if (!ref.isEmpty() && !refs.contains(ref)) {
        refs.add(ref.endsWith(".") ? ref.substring(0, ref.length() - 1) : ref);
      }
      at = action.indexOf(".Values.", end);
    }
    return refs;
  }
}

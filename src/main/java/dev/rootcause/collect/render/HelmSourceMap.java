package dev.rootcause.collect.render;

import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
  private final Map<String, Define> defines;
  private int next;
  private Line including;
  private int defineNext;

  /** One template line: its literal pieces between actions, and the values it references. */
  private record Line(
      int number,
      List<String> pieces,
      boolean actionOnly,
      List<String> refs,
      List<String> includes) {}

  /** A named template ({@code define}) of the chart: where it is written and its lines. */
  record Define(String path, List<Line> lines) {}

  HelmSourceMap(
      String templatePath, String templateText, ValuesIndex values, Map<String, Define> defines) {
    this.templatePath = templatePath;
    this.template = parse(templateText, 0);
    this.values = values;
    this.defines = defines;
  }

  /**
   * The {@code define} blocks of a chart's template files (helpers), by name, so that the lines an
   * {@code include} renders point into the helper that wrote them.
   */
  static Map<String, Define> defines(String path, String text) {
    Map<String, Define> out = new HashMap<>();
    String[] raw = text.split("\n", -1);
    for (int n = 0; n < raw.length; n++) {
      String name = defineName(raw[n]);
      if (name == null) {
        continue;
      }
      int end = n + 1;
      int depth = 1;
      while (end < raw.length && depth > 0) {
        String line = raw[end];
        if (opensBlock(line)) {
          depth++;
        } else if (line.contains("{{") && line.contains("end") && isEnd(line)) {
          depth--;
        }
        if (depth > 0) {
          end++;
        }
      }
      String body = String.join("\n", java.util.Arrays.asList(raw).subList(n + 1, end));
      out.put(name, new Define(path, parse(body, n + 1)));
      n = end;
    }
    return out;
  }

  private static String defineName(String line) {
    int at = line.indexOf("define \"");
    if (at < 0 || !line.strip().startsWith("{{")) {
      return null;
    }
    int start = at + "define \"".length();
    int end = line.indexOf('"', start);
    return end < 0 ? null : line.substring(start, end);
  }

  private static boolean opensBlock(String line) {
    String s = actionWord(line);
    return s.equals("if") || s.equals("range") || s.equals("with") || s.equals("define");
  }

  private static boolean isEnd(String line) {
    return actionWord(line).equals("end");
  }

  /** The first word of a line's first action: {@code {{- if .x }}} gives {@code if}. */
  private static String actionWord(String line) {
    int open = line.indexOf("{{");
    if (open < 0) {
      return "";
    }
    String s = line.substring(open + 2).stripLeading();
    if (s.startsWith("-")) {
      s = s.substring(1).stripLeading();
    }
    int end = 0;
    while (end < s.length() && Character.isLetter(s.charAt(end))) {
      end++;
    }
    return s.substring(0, end);
  }

  /**
   * Where each line of one rendered document was written (index 0 is the document's line 1).
   * Successive documents of the same template continue where the previous one stopped.
   */
  SourceLocation[] map(List<String> rendered) {
    SourceLocation[] out = new SourceLocation[rendered.size()];
    SourceLocation last = SourceLocation.of(templatePath, 1);
    Line lastAction = null;
    SourceLocation included;
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
      } else if ((included = fromInclude(r)) != null) {
        out[i] = included;
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

  /**
   * The helper line that wrote a rendered line no template line spells, when the action that
   * rendered it includes a known {@code define}: the values line when that helper line passes one
   * value through unchanged. Lines of one include are matched in order.
   */
  private SourceLocation fromInclude(String rendered) {
    Line include = null;
    for (int j = next; j < template.size() && template.get(j).actionOnly(); j++) {
      if (!template.get(j).includes().isEmpty()) {
        include = template.get(j);
        break;
      }
    }
    if (include == null) {
      return null;
    }
    if (include != including) {
      including = include;
      defineNext = 0;
    }
    for (String name : include.includes()) {
      Define define = defines.get(name);
      if (define == null) {
        continue;
      }
      for (int k = defineNext; k < define.lines().size(); k++) {
        Line d = define.lines().get(k);
        if (!d.actionOnly() && matches(d.pieces(), rendered)) {
          defineNext = k + 1;
          SourceLocation at = SourceLocation.of(define.path(), d.number());
          return d.refs().size() == 1 ? values.locate(d.refs().get(0), valueOf(rendered), at) : at;
        }
      }
    }
    return null;
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

  private static List<Line> parse(String text, int offset) {
    List<Line> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    boolean inAction = false;
    for (int n = 0; n < raw.length; n++) {
      String s = raw[n].strip();
      List<String> pieces = new ArrayList<>();
      List<String> refs = new ArrayList<>();
      List<String> includes = new ArrayList<>();
      StringBuilder literal = new StringBuilder();
      int i = 0;
      while (i < s.length()) {
        if (inAction) {
          int close = s.indexOf("}}", i);
          String action = close < 0 ? s.substring(i) : s.substring(i, close);
          refs.addAll(valueRefs(action));
          includes.addAll(includeNames(action));
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
      lines.add(
          new Line(
              offset + n + 1,
              List.copyOf(pieces),
              actionOnly,
              List.copyOf(refs),
              List.copyOf(includes)));
    }
    return lines;
  }

  /** The templates one action includes: {@code include "booking.env" .} gives booking.env. */
  private static List<String> includeNames(String action) {
    List<String> names = new ArrayList<>();
    int at = action.indexOf("include \"");
    while (at >= 0) {
      int start = at + "include \"".length();
      int end = action.indexOf('"', start);
      if (end < 0) {
        break;
      }
      names.add(action.substring(start, end));
      at = action.indexOf("include \"", end);
    }
    return names;
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

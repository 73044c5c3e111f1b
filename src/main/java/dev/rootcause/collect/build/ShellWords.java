package dev.rootcause.collect.build;

import dev.rootcause.collect.build.ShellState.Var;
import dev.rootcause.collect.syntax.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the words of one shell text expand to, as far as a reader can know without running anything:
 * quotes, escapes, {@code $VAR}, {@code ${VAR:-default}} and the other parameter operators, arrays,
 * {@code $PWD}, and the substitutions that name the script's folder. Unknown parts stay as written
 * ({@code $TAG}, {@code $(git rev-parse HEAD)}), which marks the result as templated.
 */
final class ShellWords {
  private final byte[] bytes;
  private final BiConsumer<Node, ShellState> substitutions;

  /**
   * Words of the UTF-8 text {@code bytes}; {@code substitutions} runs the commands inside a {@code
   * $(...)} whose value is unknown ({@code ID=$(docker build -q -t api .)} still builds).
   */
  ShellWords(byte[] bytes, BiConsumer<Node, ShellState> substitutions) {
    this.bytes = bytes;
    this.substitutions = substitutions;
  }

  /** The words an argument becomes: unquoted expansions split on blanks, arrays give one each. */
  List<String> words(Node node, ShellState st) {
    return eval(node, st, false);
  }

  /**
   * The words a node expands to. Unknown parts stay as written ({@code $TAG}, {@code $(git
   * rev-parse HEAD)}), which marks the result as templated.
   */
  List<String> eval(Node node, ShellState st, boolean quoted) {
    String type = node.type();
    return switch (type) {
      case "word" -> List.of(unescape(text(node)));
      case "number", "extglob_pattern", "regex" -> List.of(text(node));
      case "raw_string" -> List.of(strip(text(node), 1, 1));
      case "ansi_c_string" -> List.of(strip(text(node), 2, 1));
      case "string" -> stringParts(node, st);
      case "translated_string" ->
          named(node).isEmpty() ? List.of("") : eval(named(node).get(0), st, true);
      case "simple_expansion" -> simpleExpansion(node, st, quoted);
      case "expansion" -> expansion(node, st, quoted);
      case "command_substitution" -> List.of(commandSubstitution(node, st));
      case "concatenation" -> concatenation(node, st, quoted);
      case "command_name" ->
          named(node).isEmpty() ? List.of(text(node)) : eval(named(node).get(0), st, quoted);
      default -> List.of(text(node));
    };
  }

  private List<String> stringParts(Node node, ShellState st) {
    List<List<String>> parts = new ArrayList<>();
    int pos = node.startByte() + 1;
    int end = node.endByte() - 1;
    for (Node child : named(node)) {
      if (child.startByte() > pos) {
        parts.add(List.of(unescapeQuoted(slice(pos, child.startByte()))));
      }
      parts.add(
          child.type().equals("string_content")
              ? List.of(unescapeQuoted(text(child)))
              : eval(child, st, true));
      pos = child.endByte();
    }
    if (end > pos) {
      parts.add(List.of(unescapeQuoted(slice(pos, end))));
    }
    List<String> joined = join(parts);
    return joined.isEmpty() ? List.of("") : joined;
  }

  private List<String> concatenation(Node node, ShellState st, boolean quoted) {
    List<List<String>> parts = new ArrayList<>();
    int pos = node.startByte();
    for (Node child : children(node)) {
      if (child.startByte() > pos) {
        parts.add(List.of(slice(pos, child.startByte())));
      }
      parts.add(child.named() ? eval(child, st, quoted) : List.of(text(child)));
      pos = child.endByte();
    }
    return join(parts);
  }

  /**
   * Bash joins {@code pre${A[@]}post} as {@code preA1 A2 A3post}: only edge words merge. Parts that
   * all expand to nothing give no word.
   */
  private static List<String> join(List<List<String>> parts) {
    List<String> out = new ArrayList<>();
    out.add("");
    boolean started = false;
    for (List<String> part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      String last = out.remove(out.size() - 1);
      out.add(last + part.get(0));
      out.addAll(part.subList(1, part.size()));
      started = true;
    }
    return started ? out : List.of();
  }

  private List<String> simpleExpansion(Node node, ShellState st, boolean quoted) {
    String name = text(node).substring(1);
    if (name.equals("PWD")) {
      String pwd = st.cwd.asValue();
      return List.of(pwd == null ? text(node) : pwd);
    }
    Var v = st.vars.get(name);
    if (v == null || !v.known()) {
      return List.of(text(node));
    }
    if (name.equals("@") || name.equals("*")) {
      return quoted && name.equals("*") ? List.of(String.join(" ", v.values())) : v.values();
    }
    return split(v.scalar(), quoted);
  }

  private static List<String> split(String value, boolean quoted) {
    if (quoted) {
      return List.of(value);
    }
    String trimmed = value.trim();
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
  }

  private List<String> expansion(Node node, ShellState st, boolean quoted) {
    String raw = text(node);
    List<String> unknown = List.of(raw);
    List<Node> kids = children(node);
    // ${ <prefix-op>? name-or-subscript <operator> <operand...> }
    int i = 1;
    if (i < kids.size() && !kids.get(i).named()) {
      return unknown; // ${#A}, ${!A}: length and indirection are not followed
    }
    if (i >= kids.size()) {
      return unknown;
    }
    Node subject = kids.get(i++);
    String name;
    String index = null;
    if (subject.type().equals("subscript")) {
      name = text(subject.child("name"));
      Node idx = subject.child("index");
      index = idx == null ? null : text(idx);
    } else if (subject.type().equals("variable_name")
        || subject.type().equals("special_variable_name")) {
      name = text(subject);
    } else {
      return unknown;
    }
    if (name.equals("PWD") && index == null && i < kids.size() && text(kids.get(i)).equals("}")) {
      String pwd = st.cwd.asValue();
      return List.of(pwd == null ? raw : pwd);
    }
    Var v = st.vars.get(name);
    List<String> value = null;
    if (v != null && v.known()) {
      value = selected(v, name, index, quoted);
      if (value == null) {
        return unknown;
      }
    }
    if (i >= kids.size() || text(kids.get(i)).equals("}")) {
      return value == null ? unknown : value;
    }
    String op = text(kids.get(i++));
    List<Node> operand = new ArrayList<>();
    while (i < kids.size() && !(i == kids.size() - 1 && text(kids.get(i)).equals("}"))) {
      operand.add(kids.get(i++));
    }
    boolean unset = v == null;
    boolean empty = value != null && String.join("", value).isEmpty();
    switch (op) {
      case ":-", "-", ":=", "=" -> {
        boolean useDefault = unset || op.startsWith(":") && empty;
        if (!useDefault) {
          return value == null ? unknown : value;
        }
        List<String> fallback = operandWords(operand, st, quoted);
        if (op.endsWith("=") && index == null) {
          st.vars.put(name, Var.of(String.join(" ", fallback)));
        }
        return fallback;
      }
      case ":+", "+" -> {
        if (unset || op.startsWith(":") && empty) {
          return quoted ? List.of("") : List.of();
        }
        return value == null ? unknown : operandWords(operand, st, quoted);
      }
      case ":?", "?" -> {
        return value == null ? unknown : value;
      }
      case "#", "##", "%", "%%" -> {
        String pattern = operandText(operand, st);
        if (value == null || pattern == null || v.array()) {
          return unknown;
        }
        return split(trim(String.join(" ", value), pattern, op), quoted);
      }
      case "/", "//" -> {
        if (value == null || v.array()) {
          return unknown;
        }
        return substitute(String.join(" ", value), operand, op.equals("//"), st, quoted, raw);
      }
      case ",,", "^^", ",", "^" -> {
        if (value == null || v.array()) {
          return unknown;
        }
        String s = String.join(" ", value);
        String changed =
            switch (op) {
              case ",," -> s.toLowerCase(java.util.Locale.ROOT);
              case "^^" -> s.toUpperCase(java.util.Locale.ROOT);
              case "," ->
                  s.isEmpty()
                      ? s
                      : s.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + s.substring(1);
              default ->
                  s.isEmpty()
                      ? s
                      : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1);
            };
        return split(changed, quoted);
      }
      case ":" -> {
        if (value == null || v.array()) {
          return unknown;
        }
        return substring(String.join(" ", value), raw, quoted);
      }
      default -> {
        return unknown;
      }
    }
  }

  /** The value of {@code name}, {@code name[index]}, {@code name[@]}; null when not knowable. */
  private static List<String> selected(Var v, String name, String index, boolean quoted) {
    if (index == null) {
      if (name.equals("@") || name.equals("*")) {
        return quoted && name.equals("*") ? List.of(String.join(" ", v.values())) : v.values();
      }
      return split(v.scalar(), quoted);
    }
    if (index.equals("@")) {
      return v.values();
    }
    if (index.equals("*")) {
      return quoted ? List.of(String.join(" ", v.values())) : v.values();
    }
    if (index.matches("\\d+")) {
      int n = Integer.parseInt(index);
      return n < v.values().size() ? split(v.values().get(n), quoted) : List.of();
    }
    return null;
  }

  private List<String> operandWords(List<Node> operand, ShellState st, boolean quoted) {
    if (operand.isEmpty()) {
      return quoted ? List.of("") : List.of();
    }
    List<List<String>> parts = new ArrayList<>();
    int pos = operand.get(0).startByte();
    for (Node n : operand) {
      if (n.startByte() > pos) {
        parts.add(List.of(slice(pos, n.startByte())));
      }
      parts.add(n.named() ? eval(n, st, true) : List.of(text(n)));
      pos = n.endByte();
    }
    List<String> joined = join(parts);
    return quoted ? List.of(String.join(" ", joined)) : split(String.join(" ", joined), false);
  }

  /** An operand as literal text, null when it contains anything unknown. */
  private String operandText(List<Node> operand, ShellState st) {
    String s = String.join(" ", operandWords(operand, st, true));
    return s.contains("$") ? null : s;
  }

  private static String trim(String value, String pattern, String op) {
    Pattern p = Pattern.compile(globToRegex(pattern));
    boolean prefix = op.startsWith("#");
    boolean longest = op.length() == 2;
    if (prefix) {
      int from = longest ? value.length() : 0;
      for (int n = from; longest ? n >= 0 : n <= value.length(); n += longest ? -1 : 1) {
        if (p.matcher(value.substring(0, n)).matches()) {
          return value.substring(n);
        }
      }
    } else {
      int from = longest ? 0 : value.length();
      for (int n = from; longest ? n <= value.length() : n >= 0; n += longest ? 1 : -1) {
        if (p.matcher(value.substring(n)).matches()) {
          return value.substring(0, n);
        }
      }
    }
    return value;
  }

  private List<String> substitute(
      String value, List<Node> operand, boolean all, ShellState st, boolean quoted, String raw) {
    int slash = -1;
    for (int k = 0; k < operand.size(); k++) {
      if (!operand.get(k).named() && text(operand.get(k)).equals("/")) {
        slash = k;
        break;
      }
    }
    String pattern = operandText(slash < 0 ? operand : operand.subList(0, slash), st);
    String replacement =
        slash < 0 ? "" : operandText(operand.subList(slash + 1, operand.size()), st);
    if (pattern == null
        || replacement == null
        || pattern.isEmpty()
        || pattern.startsWith("#")
        || pattern.startsWith("%")) {
      return List.of(raw);
    }
    Pattern p = Pattern.compile(globToRegex(pattern));
    Matcher m = p.matcher(value);
    String replaced =
        all
            ? m.replaceAll(Matcher.quoteReplacement(replacement))
            : m.replaceFirst(Matcher.quoteReplacement(replacement));
    return split(replaced, quoted);
  }

  private static List<String> substring(String value, String raw, boolean quoted) {
    Matcher m = Pattern.compile("\\$\\{[^:]+:(\\d+)(?::(\\d+))?}").matcher(raw);
    if (!m.matches()) {
      return List.of(raw);
    }
    int offset = Math.min(Integer.parseInt(m.group(1)), value.length());
    int length = m.group(2) == null ? value.length() - offset : Integer.parseInt(m.group(2));
    return split(value.substring(offset, Math.min(value.length(), offset + length)), quoted);
  }

  private static String globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '\\' -> {}
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }

  private static final Pattern SELF =
      Pattern.compile("(?:\\$0|\\$\\{0}|\\$\\{BASH_SOURCE(?:\\[0])?}|\\$BASH_SOURCE)");
  private static final String RESOLVED_SELF =
      "(?:"
          + SELF.pattern()
          + "|\\$\\((?:realpath|readlink -[fe]|greadlink -f) "
          + SELF.pattern()
          + "\\))";
  private static final String SCRIPT_DIR =
      "(?:\\$\\(dirname "
          + RESOLVED_SELF
          + "\\)"
          + "|\\$\\((?:realpath|readlink -[fe]) \\$\\(dirname "
          + SELF.pattern()
          + "\\)\\))";
  private static final Pattern DIRNAME_SELF = Pattern.compile("dirname " + RESOLVED_SELF);
  private static final Pattern RESOLVED_SCRIPT_DIR =
      Pattern.compile("(?:realpath|readlink -[fe]) " + SCRIPT_DIR + "(/[^ ;&]*)?");
  private static final Pattern CD_SCRIPT_DIR =
      Pattern.compile("cd (?:-P )?" + SCRIPT_DIR + "(/[^ ;&]*)? ?(?:&&|;) ?pwd(?: -P)?");

  /**
   * {@code $(dirname "$0")} and its spellings are the script's folder; {@code $(git rev-parse
   * --show-toplevel)} the root; {@code $(pwd)} the current folder. Any other substitution is
   * unknown, but the commands inside it still run ({@code ID=$(docker build -q -t api .)}).
   */
  private String commandSubstitution(Node node, ShellState st) {
    String raw = text(node);
    String inner = strip(raw, 2, 1).replaceAll("[\"']", "").replaceAll("\\s+", " ").trim();
    if (DIRNAME_SELF.matcher(inner).matches()) {
      return String.valueOf(WorkDir.SCRIPT_DIR_MARK);
    }
    Matcher m = RESOLVED_SCRIPT_DIR.matcher(inner);
    if (!m.matches()) {
      m = CD_SCRIPT_DIR.matcher(inner);
    }
    if (m.matches()) {
      return WorkDir.SCRIPT_DIR_MARK + Objects.toString(m.group(1), "");
    }
    if (inner.equals("git rev-parse --show-toplevel")) {
      return String.valueOf(WorkDir.ROOT_MARK);
    }
    if (inner.equals("pwd") || inner.equals("pwd -P")) {
      String pwd = st.cwd.asValue();
      return pwd == null ? raw : pwd;
    }
    ShellState sub = st.copy();
    substitutions.accept(node, sub);
    return raw;
  }

  // ---- text -------------------------------------------------------------------------------

  String text(Node node) {
    return slice(node.startByte(), node.endByte());
  }

  String slice(int start, int end) {
    int s = Math.max(0, Math.min(start, bytes.length));
    int e = Math.max(s, Math.min(end, bytes.length));
    return new String(bytes, s, e - s, StandardCharsets.UTF_8);
  }

  private static String strip(String s, int head, int tail) {
    return s.length() >= head + tail ? s.substring(head, s.length() - tail) : s;
  }

  /** Backslash escapes of an unquoted word: {@code \x} is {@code x}, backslash-newline nothing. */
  private static String unescape(String s) {
    return unescape(s, null);
  }

  /** Inside double quotes only {@code \$ \` \" \\} and backslash-newline are escapes. */
  private static String unescapeQuoted(String s) {
    return unescape(s, "$`\"\\\n");
  }

  /** Removes the backslash before any character ({@code escapable} null) or those listed. */
  private static String unescape(String s, String escapable) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\'
          && i + 1 < s.length()
          && (escapable == null || escapable.indexOf(s.charAt(i + 1)) >= 0)) {
        char next = s.charAt(++i);
        if (next != '\n') {
          out.append(next);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static List<Node> named(Node node) {
    return node.namedChildren();
  }

  private static List<Node> children(Node node) {
    return node.children();
  }
}

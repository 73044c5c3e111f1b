package dev.rootcause.collect.build;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Makefiles for the images their recipes build. Make variables ({@code IMAGE ?= app}, {@code
 * $(IMAGE):$(TAG)}) are expanded with their final values, as make does when it runs a recipe; each
 * recipe line is then shell, read by {@link ShellAnalysis} in the Makefile's folder (all lines of a
 * rule at once under {@code .ONESHELL}). Functions ({@code $(shell git describe)}) and automatic
 * variables stay unexpanded, so names built from them read as templated. Not read: {@code include}d
 * files, target-specific variables, {@code define} blocks.
 */
public final class MakefileCollector implements FileCollector {
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "^((?:(?:export|override|private)\\s+)*)([A-Za-z0-9_.\\-]+)\\s*(\\?=|:::=|::=|:=|\\+=|!=|=)\\s*(.*)$");
  private static final Pattern EXPORT_NAMES = Pattern.compile("^export\\s+([A-Za-z0-9_.\\-\\s]+)$");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final int MAX_EXPANSION_DEPTH = 16;

  @Override
  public boolean accepts(FileKind kind) {
    return kind == FileKind.MAKEFILE;
  }

  @Override
  public void collect(SourceFile file, String text, Facts facts) {
    if (!RepoFiles.mentionsImageTool(text)) {
      return;
    }
    List<String> lines = List.of(text.replace("\r\n", "\n").split("\n", -1));
    Variables vars = variables(lines);
    String dir = RepoPaths.parent(file.path());
    Predicate<String> exists = RepoFiles.exists(file, facts);
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : vars.values.keySet()) {
      if (vars.exportAll || vars.exported.contains(name)) {
        String value = vars.expand("$(" + name + ")", 0);
        if (!value.contains("$")) {
          env.put(name, value);
        }
      }
    }
    ShellAnalysis.Memory memory = new ShellAnalysis.Memory();
    for (Recipe recipe : recipes(lines, vars.oneShell)) {
      String shell = vars.expand(recipe.text(), 0);
      ShellAnalysis.Result result =
          ShellAnalysis.analyze(
              ShellSource.embedded(file.path(), shell, recipe.firstLine(), dir, env, Map.of()),
              exists,
              memory);
      result.builds().forEach(facts.model()::imageBuild);
      result.problems().forEach(facts::problem);
    }
  }

  /** Make variables after the whole file is read; a null value is unknown. */
  private static final class Variables {
    final Map<String, String> values = new HashMap<>();
    final Set<String> exported = new HashSet<>();
    boolean exportAll;
    boolean oneShell;

    /**
     * Expands make references; {@code $$} becomes the shell's {@code $}. Unknown ones stay as
     * written.
     */
    String expand(String s, int depth) {
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c != '$' || i + 1 >= s.length()) {
          out.append(c);
          i++;
          continue;
        }
        char next = s.charAt(i + 1);
        if (next == '$') {
          out.append('$');
          i += 2;
          continue;
        }
        if (next != '(' && next != '{') {
          out.append(c).append(next);
          i += 2;
          continue;
        }
        int end = matching(s, i + 1);
        if (end < 0) {
          out.append(s.substring(i));
          break;
        }
        String inner = s.substring(i + 2, end);
        String reference = s.substring(i, end + 1);
        String value = NAME.matcher(inner).matches() ? values.get(inner) : null;
        if (value != null && depth < MAX_EXPANSION_DEPTH) {
          out.append(expand(value, depth + 1));
        } else {
          out.append(reference);
        }
        i = end + 1;
      }
      return out.toString();
    }

    private static int matching(String s, int open) {
      char o = s.charAt(open);
      char close = o == '(' ? ')' : '}';
      int depth = 0;
      for (int i = open; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == o) {
          depth++;
        } else if (c == close && --depth == 0) {
          return i;
        }
      }
      return -1;
    }
  }

  private static Variables variables(List<String> lines) {
    Variables vars = new Variables();
    Set<String> unknown = new HashSet<>();
    int conditional = 0;
    boolean inDefine = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("\t")) {
        continue;
      }
      StringBuilder logical = new StringBuilder(line);
      while (logical.toString().endsWith("\\") && i + 1 < lines.size()) {
        logical.setLength(logical.length() - 1);
        logical.append(' ').append(lines.get(++i).trim());
      }
      String l = stripComment(logical.toString()).trim();
      if (inDefine) {
        inDefine = !l.equals("endef");
        continue;
      }
      if (l.startsWith("define ")) {
        inDefine = true;
        continue;
      }
      if (l.matches("^(ifeq|ifneq|ifdef|ifndef)\\b.*")) {
        conditional++;
        continue;
      }
      if (l.equals("endif")) {
        conditional = Math.max(0, conditional - 1);
        continue;
      }
      if (l.startsWith(".EXPORT_ALL_VARIABLES")) {
        vars.exportAll = true;
      } else if (l.startsWith(".ONESHELL")) {
        vars.oneShell = true;
      }
      Matcher m = ASSIGNMENT.matcher(l);
      if (m.matches()) {
        String name = m.group(2);
        String op = m.group(3);
        String value = m.group(4).trim();
        if (m.group(1).contains("export")) {
          vars.exported.add(name);
        }
        assign(vars, unknown, name, op, value, conditional > 0);
        continue;
      }
      Matcher export = EXPORT_NAMES.matcher(l);
      if (export.matches()) {
        vars.exported.addAll(List.of(export.group(1).trim().split("\\s+")));
      }
    }
    unknown.forEach(vars.values::remove);
    return vars;
  }

  /**
   * One assignment. Inside {@code ifeq}/{@code ifdef} a value that disagrees with an earlier one
   * means the variable depends on the condition: it becomes unknown.
   */
  private static void assign(
      Variables vars,
      Set<String> unknown,
      String name,
      String op,
      String value,
      boolean conditional) {
    String current = vars.values.get(name);
    String next =
        switch (op) {
          case "?=" -> current != null || unknown.contains(name) ? current : value;
          case "+=" -> current == null ? value : current + " " + value;
          case "!=" -> null;
          default -> value;
        };
    if (next == null) {
      unknown.add(name);
      return;
    }
    if (conditional && current != null && !current.equals(next) && !op.equals("+=")) {
      unknown.add(name);
    }
    vars.values.put(name, next);
  }

  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || line.charAt(i - 1) != '\\')) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** Shell text of one recipe command (or one rule under .ONESHELL), from {@code firstLine}. */
  private record Recipe(String text, int firstLine) {}

  private static List<Recipe> recipes(List<String> lines, boolean oneShell) {
    List<Recipe> out = new ArrayList<>();
    List<Recipe> rule = new ArrayList<>();
    boolean inRule = false;
    boolean inDefine = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("\t")) {
        String l = stripComment(line).trim();
        if (inDefine) {
          inDefine = !l.equals("endef");
          continue;
        }
        if (l.isEmpty()) {
          continue; // blank and comment lines do not end a recipe
        }
        flush(rule, out, oneShell);
        inDefine = l.startsWith("define ");
        inRule =
            !inDefine
                && !ASSIGNMENT.matcher(l).matches()
                && l.contains(":")
                && !l.matches("^(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include)\\b.*");
        continue;
      }
      if (!inRule) {
        continue;
      }
      int first = i + 1;
      StringBuilder command = new StringBuilder(commandText(line));
      while (line.endsWith("\\") && i + 1 < lines.size()) {
        line = lines.get(++i);
        command.append('\n').append(line.startsWith("\t") ? line.substring(1) : line);
      }
      rule.add(new Recipe(command.toString(), first));
    }
    flush(rule, out, oneShell);
    return out;
  }

  /** Ends a rule: its commands one by one, or under .ONESHELL as one text with rows kept. */
  private static void flush(List<Recipe> rule, List<Recipe> out, boolean oneShell) {
    if (rule.isEmpty()) {
      return;
    }
    if (!oneShell) {
      out.addAll(rule);
    } else {
      int start = rule.get(0).firstLine();
      StringBuilder text = new StringBuilder();
      int row = 0;
      for (Recipe r : rule) {
        while (row < r.firstLine() - start) {
          text.append('\n');
          row++;
        }
        text.append(r.text());
        row += (int) r.text().chars().filter(c -> c == '\n').count();
      }
      out.add(new Recipe(text.toString(), start));
    }
    rule.clear();
  }

  /** A recipe line without its tab and the {@code @ - +} prefixes make reads itself. */
  private static String commandText(String line) {
    String s = line.substring(1);
    int k = 0;
    while (k < s.length() && "@-+ \t".indexOf(s.charAt(k)) >= 0) {
      k++;
    }
    return s.substring(k);
  }
}

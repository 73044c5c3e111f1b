package dev.rootcause.collect.build;

import dev.rootcause.collect.syntax.Grammar;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.collect.syntax.SyntaxTree;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.k8s.ImageRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shell text to image facts: which images a script builds, tags, imports into a local cluster and
 * pushes. Parses with tree-sitter-bash and walks the statements in order, keeping what a reader
 * could know without running anything: assignments, {@code ${1:-default}} defaults, arrays, {@code
 * for} loops over literal words (one fact per iteration), functions called with literal arguments,
 * and the working folder ({@code cd "$(dirname "$0")"}). A value it cannot know stays as written
 * ({@code $GIT_SHA}), so the image reads as templated and rules stay silent about it. Used for
 * shell scripts and for shell embedded in Makefiles, CI workflows and Jenkinsfiles.
 */
final class ShellAnalysis {
  /** Statements walked before giving up on one text: loops nested over long lists end here. */
  static final int MAX_STEPS = 20_000;

  private static final int MAX_LOOP_WORDS = 200;
  private static final int MAX_CALL_DEPTH = 12;
  private static final Set<String> GLOB_CHARS = Set.of("*", "?", "[");

  private ShellAnalysis() {}

  /** What one text makes, and notes on what could not be read. */
  record Result(List<ImageBuild> builds, List<CollectionProblem> problems) {}

  /** Analyzes {@code source}; {@code exists} says whether a path relative to the scan root exists. */
  static Result analyze(ShellSource source, Predicate<String> exists) {
    return analyze(source, exists, new Memory());
  }

  /**
   * Analyzes one of several shell texts of a file (recipe lines, CI steps) that share {@code
   * memory}, so {@code docker push api} in one step finds the Dockerfile of {@code docker build -t
   * api} in an earlier one.
   */
  static Result analyze(ShellSource source, Predicate<String> exists, Memory memory) {
    try {
      return new Run(source, exists, memory).run();
    } catch (LinkageError e) {
      // tree-sitter's native library is missing for this platform: skip shell, keep the scan.
      return new Result(List.of(), List.of(CollectionProblem.skipped(
          SourceLocation.file(source.hostPath()),
          "shell not read: the tree-sitter parser is unavailable on this platform")));
    }
  }

  /** The last build or tag of each image name seen so far in a file. */
  static final class Memory {
    private final Map<String, ImageBuild> lastBuildOf = new HashMap<>();
  }

  /** A shell variable: a string, an array, or set to something unknown ({@code values} null). */
  private record Var(List<String> values, boolean array) {
    static final Var UNKNOWN = new Var(null, false);

    static Var of(String value) {
      return new Var(List.of(value), false);
    }

    boolean known() {
      return values != null;
    }

    String scalar() {
      return values.isEmpty() ? "" : values.get(0);
    }
  }

  /** What the shell knows at one point of the script; copied for subshells and branches. */
  private static final class State {
    Map<String, Var> vars;
    WorkDir cwd;
    Deque<WorkDir> dirStack;
    boolean minikubeDockerEnv;

    State(Map<String, Var> vars, WorkDir cwd, Deque<WorkDir> dirStack, boolean minikube) {
      this.vars = vars;
      this.cwd = cwd;
      this.dirStack = dirStack;
      this.minikubeDockerEnv = minikube;
    }

    State copy() {
      return new State(new HashMap<>(vars), cwd, new ArrayDeque<>(dirStack), minikubeDockerEnv);
    }
  }

  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super(null, null, false, false);
    }
  }

  private static final class Run {
    private final ShellSource source;
    private final Predicate<String> exists;
    private final byte[] bytes;
    private final Map<String, ImageBuild> builds = new LinkedHashMap<>();
    private final Map<String, ImageBuild> lastBuildOf;
    private final List<CollectionProblem> problems = new ArrayList<>();
    private final Map<String, Node> functions = new LinkedHashMap<>();
    private final Set<String> called = new HashSet<>();
    private int steps;
    private int depth;

    Run(ShellSource source, Predicate<String> exists, Memory memory) {
      this.source = source;
      this.exists = exists;
      this.lastBuildOf = memory.lastBuildOf;
      this.bytes = source.text().getBytes(StandardCharsets.UTF_8);
    }

    Result run() {
      SyntaxTree parsed = SyntaxTree.parse(Grammar.BASH, source.text());
      if (parsed == null) {
        problems.add(CollectionProblem.note(SourceLocation.of(source.hostPath(), source.lineOfRow()
            .applyAsInt(0)), "shell not parsed; images built here may be missed"));
        return new Result(List.of(), problems);
      }
      Node root = parsed.root();
      Map<String, Var> vars = new HashMap<>();
      source.variables().forEach((k, v) -> vars.put(k, Var.of(v)));
      State state = new State(vars, source.workDir(), new ArrayDeque<>(), false);
      try {
        exec(root, state);
        for (Map.Entry<String, Node> f : List.copyOf(functions.entrySet())) {
          if (!called.contains(f.getKey())) {
            // Never called here (a library of helpers): read once, arguments unknown.
            State s = state.copy();
            clearPositionals(s);
            exec(f.getValue(), s);
          }
        }
      } catch (BudgetExceeded e) {
        problems.add(CollectionProblem.note(SourceLocation.of(source.hostPath(), line(root)),
            "shell too intricate to follow to the end (over " + MAX_STEPS
                + " steps); images built after that point may be missed"));
      }
      if (parsed.hasErrors()) {
        Node error = firstError(root);
        if (error != null) {
          problems.add(CollectionProblem.note(SourceLocation.of(source.hostPath(), line(error)),
              "shell syntax not understood here; images built nearby may be missed"));
        }
      }
      return new Result(List.copyOf(builds.values()), problems);
    }

    // ---- statements ------------------------------------------------------------------------

    private void exec(Node node, State st) {
      if (++steps > MAX_STEPS) {
        throw new BudgetExceeded();
      }
      switch (node.type()) {
        case "program", "compound_statement", "do_group", "list", "pipeline", "negated_command",
            "redirected_statement", "ERROR", "else_clause", "elif_clause" -> execChildren(node, st);
        case "subshell" -> execChildren(node, st.copy());
        case "variable_assignment" -> assign(node, st);
        case "variable_assignments" -> {
          for (Node child : named(node)) {
            assign(child, st);
          }
        }
        case "declaration_command" -> {
          for (Node child : named(node)) {
            if (child.type().equals("variable_assignment")) {
              assign(child, st);
            }
          }
        }
        case "unset_command" -> {
          for (Node child : named(node)) {
            String name = text(child);
            if (!name.startsWith("-")) {
              st.vars.remove(name);
            }
          }
        }
        case "command" -> command(node, st);
        case "if_statement" -> ifStatement(node, st);
        case "case_statement" -> caseStatement(node, st);
        case "for_statement" -> forStatement(node, st);
        case "while_statement", "c_style_for_statement" -> execChildren(node, st);
        case "function_definition" -> {
          Node name = node.child("name");
          Node body = node.child("body");
          if (name != null && body != null) {
            functions.put(text(name), body);
          }
        }
        default -> { }
      }
    }

    private void execChildren(Node node, State st) {
      for (Node child : named(node)) {
        exec(child, st);
      }
    }

    private void assign(Node node, State st) {
      Node nameNode = node.child("name");
      if (nameNode == null) {
        return;
      }
      Node value = node.child("value");
      boolean append = children(node).stream()
          .anyMatch(c -> !c.named() && text(c).equals("+="));
      Var assigned;
      if (value == null) {
        assigned = Var.of("");
      } else if (value.type().equals("array")) {
        List<String> items = new ArrayList<>();
        for (Node item : named(value)) {
          items.addAll(words(item, st));
        }
        assigned = new Var(items, true);
      } else {
        assigned = Var.of(String.join(" ", eval(value, st, true)));
      }
      if (nameNode.type().equals("subscript")) {
        // A[0]=x: one element of an array; anything else about it stops being known.
        String name = text(nameNode.child("name"));
        Var current = st.vars.get(name);
        String index = text(nameNode.child("index"));
        if (current != null && current.known() && current.array() && index.matches("\\d+")
            && Integer.parseInt(index) < current.values().size() && assigned.known()) {
          List<String> items = new ArrayList<>(current.values());
          items.set(Integer.parseInt(index), assigned.scalar());
          st.vars.put(name, new Var(items, true));
        } else {
          st.vars.put(name, Var.UNKNOWN);
        }
        return;
      }
      String name = text(nameNode);
      if (append) {
        Var current = st.vars.get(name);
        if (current == null || !current.known()) {
          assigned = current == null ? assigned : Var.UNKNOWN;
        } else if (current.array() || assigned.array()) {
          List<String> items = new ArrayList<>(current.values());
          items.addAll(assigned.values());
          assigned = new Var(items, true);
        } else {
          assigned = Var.of(current.scalar() + assigned.scalar());
        }
      }
      st.vars.put(name, assigned);
    }

    private void command(Node node, State st) {
      Node nameNode = node.child("name");
      List<Node> prefix = new ArrayList<>();
      for (Node child : named(node)) {
        if (child.type().equals("variable_assignment")) {
          prefix.add(child);
        } else {
          break;
        }
      }
      // tree-sitter-bash reads "A=1 B=2" followed by a newline and a command as prefixes of that
      // command; assignments on an earlier line are statements of their own.
      Map<String, Var> saved = new HashMap<>();
      Set<String> temporary = new HashSet<>();
      for (Node assignment : prefix) {
        boolean sameLine = nameNode == null
            || row(assignment) == row(nameNode);
        Node name = assignment.child("name");
        if (sameLine && name != null) {
          String n = text(name);
          if (temporary.add(n)) {
            saved.put(n, st.vars.get(n));
          }
        }
        assign(assignment, st);
      }
      if (nameNode != null) {
        List<ImageCommands.Arg> argv = new ArrayList<>();
        for (String w : words(nameNode, st)) {
          argv.add(new ImageCommands.Arg(w, line(nameNode)));
        }
        for (int i = 0; i < node.children().size(); i++) {
          if ("argument".equals(node.children().get(i).field())) {
            Node arg = node.children().get(i);
            for (String w : words(arg, st)) {
              argv.add(new ImageCommands.Arg(w, line(arg)));
            }
          }
        }
        if (!argv.isEmpty()) {
          run(argv, st);
        }
      }
      for (String n : temporary) {
        Var before = saved.get(n);
        if (before == null) {
          st.vars.remove(n);
        } else {
          st.vars.put(n, before);
        }
      }
    }

    /** Runs one expanded command: shell builtins that change what is known, functions, image tools. */
    private void run(List<ImageCommands.Arg> argv, State st) {
      String name = argv.get(0).text();
      List<String> args = argv.subList(1, argv.size()).stream().map(ImageCommands.Arg::text).toList();
      switch (name) {
        case "cd" -> st.cwd = st.cwd.cd(firstOperand(args));
        case "pushd" -> {
          st.dirStack.push(st.cwd);
          st.cwd = st.cwd.cd(firstOperand(args));
        }
        case "popd" -> st.cwd = st.dirStack.isEmpty() ? st.cwd.cd(null) : st.dirStack.pop();
        case "read", "getopts", "mapfile", "readarray" -> {
          for (String a : args) {
            if (a.matches("[A-Za-z_][A-Za-z0-9_]*")) {
              st.vars.put(a, Var.UNKNOWN);
            }
          }
        }
        case "set" -> {
          if (!args.isEmpty() && args.get(0).equals("--")) {
            setPositionals(st, args.subList(1, args.size()));
          }
        }
        case "shift" -> shift(st, args.isEmpty() || !args.get(0).matches("\\d+") ? 1
            : Integer.parseInt(args.get(0)));
        case "eval" -> {
          String joined = String.join(" ", args);
          if (joined.contains("minikube") && joined.contains("docker-env")) {
            st.minikubeDockerEnv = !joined.contains("--unset") && !joined.matches(".*\\s-u\\b.*");
          }
        }
        default -> {
          if (functions.containsKey(name)) {
            call(name, args, st);
          } else {
            record(ImageCommands.read(argv, st.cwd, st.minikubeDockerEnv, exists));
          }
        }
      }
    }

    private static String firstOperand(List<String> args) {
      for (String a : args) {
        if (!a.startsWith("-") || a.equals("-")) {
          return a;
        }
      }
      return args.isEmpty() ? null : "";
    }

    private void call(String name, List<String> args, State st) {
      if (depth >= MAX_CALL_DEPTH) {
        return;
      }
      called.add(name);
      Map<String, Var> savedPositionals = new HashMap<>();
      for (Map.Entry<String, Var> e : st.vars.entrySet()) {
        if (isPositional(e.getKey())) {
          savedPositionals.put(e.getKey(), e.getValue());
        }
      }
      setPositionals(st, args);
      depth++;
      try {
        exec(functions.get(name), st);
      } finally {
        depth--;
        clearPositionals(st);
        st.vars.putAll(savedPositionals);
      }
    }

    private static boolean isPositional(String name) {
      return name.equals("@") || name.equals("*") || name.equals("#") || name.matches("[1-9]\\d*");
    }

    private static void clearPositionals(State st) {
      st.vars.keySet().removeIf(Run::isPositional);
    }

    private static void setPositionals(State st, List<String> args) {
      clearPositionals(st);
      for (int i = 0; i < args.size(); i++) {
        st.vars.put(String.valueOf(i + 1), Var.of(args.get(i)));
      }
      st.vars.put("@", new Var(List.copyOf(args), true));
      st.vars.put("#", Var.of(String.valueOf(args.size())));
    }

    private static void shift(State st, int n) {
      Var all = st.vars.get("@");
      if (all == null || !all.known()) {
        clearPositionals(st);
        return;
      }
      List<String> rest = all.values().subList(Math.min(n, all.values().size()), all.values().size());
      setPositionals(st, List.copyOf(rest));
    }

    private void ifStatement(Node node, State st) {
      List<Node> thenBody = new ArrayList<>();
      List<Node> alternatives = new ArrayList<>();
      boolean hasElse = false;
      for (int i = 0; i < node.children().size(); i++) {
        Node child = node.children().get(i);
        if (!child.named()) {
          continue;
        }
        if ("condition".equals(node.children().get(i).field())) {
          exec(child, st);
        } else if (child.type().equals("elif_clause") || child.type().equals("else_clause")) {
          alternatives.add(child);
          hasElse |= child.type().equals("else_clause");
        } else {
          thenBody.add(child);
        }
      }
      List<State> outcomes = new ArrayList<>();
      State then = st.copy();
      thenBody.forEach(s -> exec(s, then));
      outcomes.add(then);
      for (Node alternative : alternatives) {
        State s = st.copy();
        exec(alternative, s);
        outcomes.add(s);
      }
      if (!hasElse) {
        outcomes.add(st.copy());
      }
      merge(st, outcomes);
    }

    private void caseStatement(Node node, State st) {
      List<State> outcomes = new ArrayList<>();
      boolean catchAll = false;
      for (Node item : named(node)) {
        if (!item.type().equals("case_item")) {
          continue;
        }
        State s = st.copy();
        for (int i = 0; i < item.children().size(); i++) {
          Node child = item.children().get(i);
          if ("value".equals(item.children().get(i).field())) {
            catchAll |= text(child).equals("*");
          } else if (child.named()) {
            exec(child, s);
          }
        }
        outcomes.add(s);
      }
      if (!catchAll) {
        outcomes.add(st.copy());
      }
      merge(st, outcomes);
    }

    /**
     * Joins branches: a variable every branch leaves alike keeps its value; one only some branches
     * set (and the others leave unset) takes that value, as in {@code [ -z "$TAG" ] && TAG=latest};
     * any disagreement makes it unknown.
     */
    private static void merge(State st, List<State> outcomes) {
      Set<String> names = new HashSet<>();
      outcomes.forEach(o -> names.addAll(o.vars.keySet()));
      Map<String, Var> merged = new HashMap<>();
      for (String name : names) {
        Var agreed = null;
        boolean conflict = false;
        for (State o : outcomes) {
          Var v = o.vars.get(name);
          if (v == null) {
            continue;
          }
          if (agreed == null) {
            agreed = v;
          } else if (!agreed.equals(v)) {
            conflict = true;
          }
        }
        merged.put(name, conflict ? Var.UNKNOWN : agreed);
      }
      st.vars = merged;
      WorkDir cwd = outcomes.get(0).cwd;
      for (State o : outcomes.subList(1, outcomes.size())) {
        cwd = cwd.union(o.cwd);
      }
      st.cwd = cwd;
      st.minikubeDockerEnv = outcomes.stream().anyMatch(o -> o.minikubeDockerEnv);
    }

    private void forStatement(Node node, State st) {
      Node variable = node.child("variable");
      Node body = node.child("body");
      if (variable == null || body == null) {
        return;
      }
      List<String> items = new ArrayList<>();
      boolean listed = false;
      for (int i = 0; i < node.children().size(); i++) {
        if ("value".equals(node.children().get(i).field())) {
          listed = true;
          items.addAll(words(node.children().get(i), st));
        }
      }
      boolean unknown = false;
      if (!listed) {
        Var all = st.vars.get("@");
        if (all != null && all.known()) {
          items.addAll(all.values());
        } else {
          unknown = true;
        }
      }
      String name = text(variable);
      List<String> known = new ArrayList<>();
      for (String item : items) {
        if (isLiteral(item)) {
          known.add(item);
        } else {
          unknown = true;
        }
      }
      for (String item : known.subList(0, Math.min(known.size(), MAX_LOOP_WORDS))) {
        st.vars.put(name, Var.of(item));
        exec(body, st);
      }
      if (unknown) {
        st.vars.put(name, Var.UNKNOWN);
        exec(body, st);
      }
    }

    private static boolean isLiteral(String word) {
      if (word.contains("$") || word.indexOf(WorkDir.SCRIPT_DIR_MARK) >= 0
          || word.indexOf(WorkDir.ROOT_MARK) >= 0) {
        return false;
      }
      return GLOB_CHARS.stream().noneMatch(word::contains);
    }

    // ---- facts ------------------------------------------------------------------------------

    private void record(List<ImageCommands.Fact> facts) {
      for (ImageCommands.Fact f : facts) {
        String name = restoreOpaque(f.name());
        if (name.isBlank()) {
          continue;
        }
        WorkDir.BuildPaths paths = f.paths();
        String target = f.target() == null ? null : restoreOpaque(f.target());
        if (paths == null || paths.dockerfile() == null && paths.context() == null) {
          ImageBuild origin = lastBuildOf.get(key(restoreOpaque(f.source())));
          if (origin != null) {
            paths = new WorkDir.BuildPaths(origin.dockerfile(), origin.context());
            target = target == null ? origin.target() : target;
          }
        }
        if (paths == null) {
          paths = WorkDir.BuildPaths.UNKNOWN;
        }
        ImageBuild build = new ImageBuild(ImageRef.parse(name, location(f.line())), f.kind(),
            paths.dockerfile(), paths.context(), target, location(f.line()));
        builds.putIfAbsent(f.kind() + " " + name + " " + f.line() + " " + paths + " " + target, build);
        if (f.kind() == ImageBuild.Kind.BUILD || f.kind() == ImageBuild.Kind.TAG) {
          lastBuildOf.put(key(name), build);
        }
      }
    }

    /** Names Docker treats as one: {@code app} is {@code app:latest}. */
    private static String key(String name) {
      ImageRef ref = ImageRef.parse(name, null);
      return (ref.registry() == null ? "" : ref.registry() + "/") + ref.nameAndTag();
    }

    /** Host placeholders back to what the author wrote; marks (script folder) as the shell wrote them. */
    private String restoreOpaque(String value) {
      String out = value;
      for (Map.Entry<String, String> e : source.opaque().entrySet()) {
        out = out.replace(e.getKey(), e.getValue());
      }
      return out.replace(String.valueOf(WorkDir.SCRIPT_DIR_MARK), "$(dirname \"$0\")")
          .replace(String.valueOf(WorkDir.ROOT_MARK), "$(git rev-parse --show-toplevel)");
    }

    private SourceLocation location(int line) {
      return SourceLocation.of(source.hostPath(), Math.max(line, 0));
    }

    // ---- words ------------------------------------------------------------------------------

    /** The words an argument becomes: unquoted expansions split on blanks, arrays give one each. */
    private List<String> words(Node node, State st) {
      return eval(node, st, false);
    }

    /**
     * The words a node expands to. Unknown parts stay as written ({@code $TAG}, {@code
     * $(git rev-parse HEAD)}), which marks the result as templated.
     */
    private List<String> eval(Node node, State st, boolean quoted) {
      String type = node.type();
      return switch (type) {
        case "word" -> List.of(unescape(text(node)));
        case "number", "extglob_pattern", "regex" -> List.of(text(node));
        case "raw_string" -> List.of(strip(text(node), 1, 1));
        case "ansi_c_string" -> List.of(strip(text(node), 2, 1));
        case "string" -> stringParts(node, st);
        case "translated_string" -> named(node).isEmpty() ? List.of("")
            : eval(named(node).get(0), st, true);
        case "simple_expansion" -> simpleExpansion(node, st, quoted);
        case "expansion" -> expansion(node, st, quoted);
        case "command_substitution" -> List.of(commandSubstitution(node, st));
        case "concatenation" -> concatenation(node, st, quoted);
        case "command_name" -> named(node).isEmpty() ? List.of(text(node))
            : eval(named(node).get(0), st, quoted);
        default -> List.of(text(node));
      };
    }

    private List<String> stringParts(Node node, State st) {
      List<List<String>> parts = new ArrayList<>();
      int pos = node.startByte() + 1;
      int end = node.endByte() - 1;
      for (Node child : named(node)) {
        if (child.startByte() > pos) {
          parts.add(List.of(unescapeQuoted(slice(pos, child.startByte()))));
        }
        parts.add(child.type().equals("string_content")
            ? List.of(unescapeQuoted(text(child))) : eval(child, st, true));
        pos = child.endByte();
      }
      if (end > pos) {
        parts.add(List.of(unescapeQuoted(slice(pos, end))));
      }
      List<String> joined = join(parts);
      return joined.isEmpty() ? List.of("") : joined;
    }

    private List<String> concatenation(Node node, State st, boolean quoted) {
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
     * Bash joins {@code pre${A[@]}post} as {@code preA1 A2 A3post}: only edge words merge. Parts
     * that all expand to nothing give no word.
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

    private List<String> simpleExpansion(Node node, State st, boolean quoted) {
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

    private List<String> expansion(Node node, State st, boolean quoted) {
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
          String changed = switch (op) {
            case ",," -> s.toLowerCase(java.util.Locale.ROOT);
            case "^^" -> s.toUpperCase(java.util.Locale.ROOT);
            case "," -> s.isEmpty() ? s : s.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + s.substring(1);
            default -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1);
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

    private List<String> operandWords(List<Node> operand, State st, boolean quoted) {
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
    private String operandText(List<Node> operand, State st) {
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
        String value, List<Node> operand, boolean all, State st, boolean quoted, String raw) {
      int slash = -1;
      for (int k = 0; k < operand.size(); k++) {
        if (!operand.get(k).named() && text(operand.get(k)).equals("/")) {
          slash = k;
          break;
        }
      }
      String pattern = operandText(slash < 0 ? operand : operand.subList(0, slash), st);
      String replacement = slash < 0 ? "" : operandText(operand.subList(slash + 1, operand.size()), st);
      if (pattern == null || replacement == null || pattern.isEmpty()
          || pattern.startsWith("#") || pattern.startsWith("%")) {
        return List.of(raw);
      }
      Pattern p = Pattern.compile(globToRegex(pattern));
      Matcher m = p.matcher(value);
      String replaced = all ? m.replaceAll(Matcher.quoteReplacement(replacement))
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
          case '\\' -> { }
          default -> re.append(Pattern.quote(String.valueOf(c)));
        }
      }
      return re.toString();
    }

    private static final Pattern SELF =
        Pattern.compile("(?:\\$0|\\$\\{0}|\\$\\{BASH_SOURCE(?:\\[0])?}|\\$BASH_SOURCE)");
    private static final String RESOLVED_SELF =
        "(?:" + SELF.pattern() + "|\\$\\((?:realpath|readlink -[fe]|greadlink -f) " + SELF.pattern() + "\\))";
    private static final String SCRIPT_DIR =
        "(?:\\$\\(dirname " + RESOLVED_SELF + "\\)"
            + "|\\$\\((?:realpath|readlink -[fe]) \\$\\(dirname " + SELF.pattern() + "\\)\\))";
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
    private String commandSubstitution(Node node, State st) {
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
      State sub = st.copy();
      execChildren(node, sub);
      return raw;
    }

    // ---- text -------------------------------------------------------------------------------

    private String text(Node node) {
      return slice(node.startByte(), node.endByte());
    }

    private String slice(int start, int end) {
      int s = Math.max(0, Math.min(start, bytes.length));
      int e = Math.max(s, Math.min(end, bytes.length));
      return new String(bytes, s, e - s, StandardCharsets.UTF_8);
    }

    private static int row(Node node) {
      return node.line() - 1;
    }

    private int line(Node node) {
      return source.lineOfRow().applyAsInt(row(node));
    }

    private static String strip(String s, int head, int tail) {
      return s.length() >= head + tail ? s.substring(head, s.length() - tail) : s;
    }

    /** Backslash escapes of an unquoted word: {@code \x} is {@code x}, backslash-newline nothing. */
    private static String unescape(String s) {
      if (s.indexOf('\\') < 0) {
        return s;
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length()) {
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

    /** Inside double quotes only {@code \$ \` \" \\} and backslash-newline are escapes. */
    private static String unescapeQuoted(String s) {
      if (s.indexOf('\\') < 0) {
        return s;
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
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

    private static List<Node> named(Node node) {
      return node.namedChildren();
    }

    private static List<Node> children(Node node) {
      return node.children();
    }

    private static Node firstError(Node node) {
      if (node.is("ERROR")) {
        return node;
      }
      for (Node child : node.children()) {
        Node found = firstError(child);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
  }
}

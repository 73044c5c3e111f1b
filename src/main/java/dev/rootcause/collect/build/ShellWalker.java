package dev.rootcause.collect.build;

import dev.rootcause.collect.build.ShellState.Var;
import dev.rootcause.collect.syntax.Grammar;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.collect.syntax.SyntaxTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;

/**
 * Walks shell text parsed by tree-sitter-bash statement by statement, in order, keeping what a
 * reader could know without running anything: assignments, {@code ${1:-default}} defaults, arrays,
 * {@code for} loops over literal words (one pass per word), functions called with literal
 * arguments, the working folder ({@code cd "$(dirname "$0")"}, {@code cd /app}), output
 * redirections, and heredocs fed to a shell. Each simple command reaches a listener expanded into
 * words. One walker serves build scripts (and the shell in Makefiles and CI files) and the shell of
 * Dockerfile {@code RUN}, {@code CMD} and {@code ENTRYPOINT} instructions.
 */
public final class ShellWalker {
  /** Statements walked before giving up on one text: loops nested over long lists end here. */
  static final int MAX_STEPS = 20_000;

  private static final int MAX_LOOP_WORDS = 200;
  private static final int MAX_CALL_DEPTH = 12;
  private static final Set<String> GLOB_CHARS = Set.of("*", "?", "[");
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh");
  private static final Set<String> OUTPUT_REDIRECTS = Set.of(">", ">>", ">|", "&>", "&>>");

  /**
   * One word of a command line after expansion, and the line of the host file it was written on.
   */
  public record Arg(String text, int line) {}

  /**
   * One simple command as it would run: its words (program first, {@code A=b} prefixes dropped),
   * the files its output is redirected to, the line it is written on, whether it sits inside a
   * construct that may run it any number of times or not at all (a branch, a loop, a subshell, a
   * function) or takes words from a command substitution ({@code opaque}), and, for shell inside an
   * image, the absolute folder it runs in (null when unknown or not in an image).
   */
  public record Command(List<Arg> argv, List<String> writes, int line, boolean opaque, String dir) {
    public Command {
      argv = List.copyOf(argv);
      writes = List.copyOf(writes);
    }

    public List<String> words() {
      return argv.stream().map(Arg::text).toList();
    }
  }

  /**
   * How a walk went: whether tree-sitter parsed the text at all, the line of the first text it
   * could not read ({@code errorLine}, 0 when none) and of the first syntax error of any kind, a
   * missing {@code fi} included ({@code syntaxLine}, 0 when none), and whether the step budget ran
   * out (at {@code line}, the text's first line).
   */
  public record Outcome(
      boolean parsed, int errorLine, int syntaxLine, boolean exhausted, int line) {}

  /** Receives each simple command with the shell's state just before it runs. */
  interface Listener {
    void command(Command command, ShellState state);
  }

  /** What nested walks (heredocs fed to a shell) share with the walk that started them. */
  private static final class Shared {
    final Listener listener;
    final Map<String, Node> functions = new LinkedHashMap<>();
    final Set<String> called = new HashSet<>();
    int steps;
    int depth;

    Shared(Listener listener) {
      this.listener = listener;
    }
  }

  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super(null, null, false, false);
    }
  }

  private final Shared shared;
  private final ShellWords words;
  private final IntUnaryOperator lineOfRow;
  private List<String> redirectWrites = List.of();
  private int constructs;

  private ShellWalker(Shared shared, String text, IntUnaryOperator lineOfRow, int constructs) {
    this.shared = shared;
    this.lineOfRow = lineOfRow;
    this.constructs = constructs;
    this.words =
        new ShellWords(
            text.getBytes(StandardCharsets.UTF_8),
            (node, st) -> inConstruct(() -> execChildren(node, st)));
  }

  /**
   * Walks shell that runs inside an image: {@code RUN} lines and shell-form {@code CMD}s. {@code
   * workdir} is the absolute folder it starts in (null when unknown), {@code variables} the values
   * it starts with, {@code lineOfRow} maps a 0-based row of {@code text} to a line of the host
   * file. Throws {@link LinkageError} when tree-sitter's native library is missing.
   */
  public static Outcome walkInImage(
      String text,
      IntUnaryOperator lineOfRow,
      String workdir,
      Map<String, String> variables,
      Consumer<Command> commands) {
    Map<String, Var> vars = new HashMap<>();
    variables.forEach((k, v) -> vars.put(k, Var.of(v)));
    ShellState state = new ShellState(vars, WorkDir.container(workdir), new ArrayDeque<>(), false);
    return walk(text, lineOfRow, state, (command, st) -> commands.accept(command));
  }

  /**
   * Walks {@code text} from {@code state}, then reads once each function it defines but never
   * calls.
   */
  static Outcome walk(
      String text, IntUnaryOperator lineOfRow, ShellState state, Listener listener) {
    SyntaxTree parsed = SyntaxTree.parse(Grammar.BASH, text);
    if (parsed == null) {
      return new Outcome(false, 0, 0, false, lineOfRow.applyAsInt(0));
    }
    Shared shared = new Shared(listener);
    ShellWalker walker = new ShellWalker(shared, text, lineOfRow, 0);
    Node root = parsed.root();
    boolean exhausted = false;
    try {
      walker.exec(root, state);
      for (Map.Entry<String, Node> f : List.copyOf(shared.functions.entrySet())) {
        if (!shared.called.contains(f.getKey())) {
          // Never called here (a library of helpers): read once, arguments unknown.
          ShellState s = state.copy();
          clearPositionals(s);
          walker.constructs++;
          walker.exec(f.getValue(), s);
          walker.constructs--;
        }
      }
    } catch (BudgetExceeded e) {
      exhausted = true;
    }
    int errorLine = 0;
    int syntaxLine = 0;
    if (parsed.hasErrors()) {
      Node error = firstError(root);
      errorLine = error == null ? 0 : walker.line(error);
      syntaxLine = lineOfRow.applyAsInt(Math.max(parsed.firstErrorLine(), 1) - 1);
    }
    return new Outcome(true, errorLine, syntaxLine, exhausted, walker.line(root));
  }

  private void exec(Node node, ShellState st) {
    if (++shared.steps > MAX_STEPS) {
      throw new BudgetExceeded();
    }
    switch (node.type()) {
      case "program",
          "do_group",
          "list",
          "pipeline",
          "negated_command",
          "ERROR",
          "else_clause",
          "elif_clause" ->
          execChildren(node, st);
      case "redirected_statement" -> redirected(node, st);
      case "subshell" -> inConstruct(() -> execChildren(node, st.copy()));
      case "compound_statement" -> inConstruct(() -> execChildren(node, st));
      case "variable_assignment" -> assign(node, st);
      case "variable_assignments" -> {
        for (Node child : ShellWords.named(node)) {
          assign(child, st);
        }
      }
      case "declaration_command" -> {
        for (Node child : ShellWords.named(node)) {
          if (child.type().equals("variable_assignment")) {
            assign(child, st);
          }
        }
      }
      case "unset_command" -> {
        for (Node child : ShellWords.named(node)) {
          String name = words.text(child);
          if (!name.startsWith("-")) {
            st.vars.remove(name);
          }
        }
      }
      case "command" -> command(node, st);
      case "if_statement" -> inConstruct(() -> ifStatement(node, st));
      case "case_statement" -> inConstruct(() -> caseStatement(node, st));
      case "for_statement" -> inConstruct(() -> forStatement(node, st));
      case "while_statement", "c_style_for_statement" -> inConstruct(() -> execChildren(node, st));
      case "function_definition" -> {
        Node name = node.child("name");
        Node body = node.child("body");
        if (name != null && body != null) {
          shared.functions.put(words.text(name), body);
        }
      }
      default -> {}
    }
  }

  private void execChildren(Node node, ShellState st) {
    for (Node child : ShellWords.named(node)) {
      exec(child, st);
    }
  }

  private void assign(Node node, ShellState st) {
    Node nameNode = node.child("name");
    if (nameNode == null) {
      return;
    }
    Node value = node.child("value");
    boolean append =
        node.children().stream().anyMatch(c -> !c.named() && words.text(c).equals("+="));
    Var assigned;
    if (value == null) {
      assigned = Var.of("");
    } else if (value.type().equals("array")) {
      List<String> items = new ArrayList<>();
      for (Node item : ShellWords.named(value)) {
        items.addAll(words.words(item, st));
      }
      assigned = new Var(items, true);
    } else {
      assigned = Var.of(String.join(" ", words.eval(value, st, true)));
    }
    if (nameNode.type().equals("subscript")) {
      // A[0]=x: one element of an array; anything else about it stops being known.
      String name = words.text(nameNode.child("name"));
      Var current = st.vars.get(name);
      String index = words.text(nameNode.child("index"));
      if (current != null
          && current.known()
          && current.array()
          && index.matches("\\d+")
          && Integer.parseInt(index) < current.values().size()
          && assigned.known()) {
        List<String> items = new ArrayList<>(current.values());
        items.set(Integer.parseInt(index), assigned.scalar());
        st.vars.put(name, new Var(items, true));
      } else {
        st.vars.put(name, Var.UNKNOWN);
      }
      return;
    }
    String name = words.text(nameNode);
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

  private void command(Node node, ShellState st) {
    Node nameNode = node.child("name");
    List<Node> prefix = new ArrayList<>();
    for (Node child : ShellWords.named(node)) {
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
      boolean sameLine = nameNode == null || assignment.line() == nameNode.line();
      Node name = assignment.child("name");
      if (sameLine && name != null) {
        String n = words.text(name);
        if (temporary.add(n)) {
          saved.put(n, st.vars.get(n));
        }
      }
      assign(assignment, st);
    }
    if (nameNode != null) {
      List<Arg> argv = new ArrayList<>();
      for (String w : words.words(nameNode, st)) {
        argv.add(new Arg(w, line(nameNode)));
      }
      for (int i = 0; i < node.children().size(); i++) {
        if ("argument".equals(node.children().get(i).field())) {
          Node arg = node.children().get(i);
          for (String w : words.words(arg, st)) {
            argv.add(new Arg(w, line(arg)));
          }
        }
      }
      if (!argv.isEmpty()) {
        List<String> writes = redirectWrites;
        redirectWrites = List.of();
        run(
            new Command(
                argv,
                writes,
                line(nameNode),
                constructs > 0 || substitutes(node),
                st.cwd.containerPath()),
            st);
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

  /** Runs one expanded command: shell builtins that change what is known, functions, the rest. */
  private void run(Command command, ShellState st) {
    List<Arg> argv = command.argv();
    if (argv.isEmpty()) {
      shared.listener.command(command, st); // only a redirection: > file
      return;
    }
    String name = argv.get(0).text();
    List<String> args = argv.subList(1, argv.size()).stream().map(Arg::text).toList();
    if (shared.functions.containsKey(name)) {
      call(name, args, st);
      return;
    }
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
      case "shift" ->
          shift(
              st,
              args.isEmpty() || !args.get(0).matches("\\d+") ? 1 : Integer.parseInt(args.get(0)));
      case "eval" -> {
        String joined = String.join(" ", args);
        if (joined.contains("minikube") && joined.contains("docker-env")) {
          st.minikubeDockerEnv = !joined.contains("--unset") && !joined.matches(".*\\s-u\\b.*");
        }
      }
      default -> {}
    }
    shared.listener.command(command, st);
  }

  private static String firstOperand(List<String> args) {
    for (String a : args) {
      if (!a.startsWith("-") || a.equals("-")) {
        return a;
      }
    }
    return args.isEmpty() ? null : "";
  }

  private void call(String name, List<String> args, ShellState st) {
    if (shared.depth >= MAX_CALL_DEPTH) {
      return;
    }
    shared.called.add(name);
    Map<String, Var> savedPositionals = new HashMap<>();
    for (Map.Entry<String, Var> e : st.vars.entrySet()) {
      if (isPositional(e.getKey())) {
        savedPositionals.put(e.getKey(), e.getValue());
      }
    }
    setPositionals(st, args);
    shared.depth++;
    constructs++;
    try {
      exec(shared.functions.get(name), st);
    } finally {
      shared.depth--;
      constructs--;
      clearPositionals(st);
      st.vars.putAll(savedPositionals);
    }
  }

  private static boolean isPositional(String name) {
    return name.equals("@") || name.equals("*") || name.equals("#") || name.matches("[1-9]\\d*");
  }

  private static void clearPositionals(ShellState st) {
    st.vars.keySet().removeIf(ShellWalker::isPositional);
  }

  private static void setPositionals(ShellState st, List<String> args) {
    clearPositionals(st);
    for (int i = 0; i < args.size(); i++) {
      st.vars.put(String.valueOf(i + 1), Var.of(args.get(i)));
    }
    st.vars.put("@", new Var(List.copyOf(args), true));
    st.vars.put("#", Var.of(String.valueOf(args.size())));
  }

  private static void shift(ShellState st, int n) {
    Var all = st.vars.get("@");
    if (all == null || !all.known()) {
      clearPositionals(st);
      return;
    }
    List<String> rest = all.values().subList(Math.min(n, all.values().size()), all.values().size());
    setPositionals(st, List.copyOf(rest));
  }

  private void ifStatement(Node node, ShellState st) {
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
    List<ShellState> outcomes = new ArrayList<>();
    ShellState then = st.copy();
    thenBody.forEach(s -> exec(s, then));
    outcomes.add(then);
    for (Node alternative : alternatives) {
      ShellState s = st.copy();
      exec(alternative, s);
      outcomes.add(s);
    }
    if (!hasElse) {
      outcomes.add(st.copy());
    }
    merge(st, outcomes);
  }

  private void caseStatement(Node node, ShellState st) {
    List<ShellState> outcomes = new ArrayList<>();
    boolean catchAll = false;
    for (Node item : ShellWords.named(node)) {
      if (!item.type().equals("case_item")) {
        continue;
      }
      ShellState s = st.copy();
      for (int i = 0; i < item.children().size(); i++) {
        Node child = item.children().get(i);
        if ("value".equals(item.children().get(i).field())) {
          catchAll |= words.text(child).equals("*");
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
  private static void merge(ShellState st, List<ShellState> outcomes) {
    Set<String> names = new HashSet<>();
    outcomes.forEach(o -> names.addAll(o.vars.keySet()));
    Map<String, Var> merged = new HashMap<>();
    for (String name : names) {
      Var agreed = null;
      boolean conflict = false;
      for (ShellState o : outcomes) {
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
    for (ShellState o : outcomes.subList(1, outcomes.size())) {
      cwd = cwd.union(o.cwd);
    }
    st.cwd = cwd;
    st.minikubeDockerEnv = outcomes.stream().anyMatch(o -> o.minikubeDockerEnv);
  }

  private void forStatement(Node node, ShellState st) {
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
        items.addAll(words.words(node.children().get(i), st));
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
    String name = words.text(variable);
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
    if (word.contains("$")
        || word.indexOf(WorkDir.SCRIPT_DIR_MARK) >= 0
        || word.indexOf(WorkDir.ROOT_MARK) >= 0) {
      return false;
    }
    return GLOB_CHARS.stream().noneMatch(word::contains);
  }

  private void inConstruct(Runnable walk) {
    constructs++;
    try {
      walk.run();
    } finally {
      constructs--;
    }
  }

  /**
   * {@code cmd > file}, {@code cat <<EOF > file}: the files written go with the command; a heredoc
   * fed to a shell ({@code bash <<EOF}) is walked as more commands, any other heredoc is data.
   */
  private void redirected(Node node, ShellState st) {
    List<String> writes = new ArrayList<>();
    Node body = node.child("body");
    String heredoc = null;
    int heredocRow = 0;
    for (Node redirect : node.children("redirect")) {
      List<Node> files = new ArrayList<>(redirect.children("redirect"));
      if (redirect.is("file_redirect")) {
        files.add(redirect);
      }
      for (Node file : files) {
        Node destination = file.child("destination");
        boolean output =
            file.children().stream()
                .anyMatch(c -> !c.named() && OUTPUT_REDIRECTS.contains(c.type()));
        if (output && destination != null) {
          writes.addAll(words.words(destination, st));
        }
      }
      Node text = redirect.firstOfType("heredoc_body");
      if (redirect.is("heredoc_redirect") && text != null) {
        heredoc = text.text();
        heredocRow = text.line() - 1;
      }
    }
    if (body != null && body.is("command")) {
      redirectWrites = List.copyOf(writes);
      exec(body, st);
      redirectWrites = List.of();
    } else {
      if (body != null) {
        exec(body, st);
      }
      if (!writes.isEmpty()) {
        run(new Command(List.of(), writes, line(node), constructs > 0, st.cwd.containerPath()), st);
      }
    }
    Node program = body == null || !body.is("command") ? null : body.child("name");
    if (heredoc != null && program != null && SHELLS.contains(baseName(words.text(program)))) {
      int firstRow = heredocRow;
      new ShellWalker(shared, heredoc, row -> lineOfRow.applyAsInt(firstRow + row), constructs)
          .walkNested(heredoc, st);
    }
    for (Node redirect : node.children("redirect")) {
      // cat <<EOF > f && chmod 600 f: tree-sitter hangs the rest of the line on the heredoc
      for (Node next : redirect.children("right")) {
        exec(next, st);
      }
    }
  }

  private void walkNested(String text, ShellState st) {
    SyntaxTree parsed = SyntaxTree.parse(Grammar.BASH, text);
    if (parsed != null) {
      exec(parsed.root(), st);
    }
  }

  private static String baseName(String program) {
    return program.substring(program.lastIndexOf('/') + 1);
  }

  /** Whether a command takes words from the output of another ({@code $(...)}, backquotes). */
  private static boolean substitutes(Node command) {
    for (Node child : command.children()) {
      if (!child.descendants("command_substitution").isEmpty()
          || !child.descendants("process_substitution").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private int line(Node node) {
    return lineOfRow.applyAsInt(node.line() - 1);
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

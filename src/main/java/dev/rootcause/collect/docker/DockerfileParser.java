package dev.rootcause.collect.docker;

import dev.rootcause.collect.docker.InstructionReader.Raw;
import dev.rootcause.collect.docker.Words.Var;
import dev.rootcause.collect.docker.Words.Word;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.ShellFacts;
import dev.rootcause.model.docker.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Dockerfile text into a {@link Dockerfile}: stages, their image config as it stands at the
 * end of each stage, and every value with {@code ARG}/{@code ENV} substituted where known, as
 * BuildKit would. Malformed input becomes problems, never an exception: an unknown instruction or
 * an unclosed heredoc is a note, a file with instructions but no {@code FROM} is skipped.
 */
final class DockerfileParser {
  private static final Set<String> INSTRUCTIONS =
      Set.of(
          "FROM",
          "RUN",
          "CMD",
          "LABEL",
          "MAINTAINER",
          "EXPOSE",
          "ENV",
          "ADD",
          "COPY",
          "ENTRYPOINT",
          "VOLUME",
          "USER",
          "WORKDIR",
          "ARG",
          "ONBUILD",
          "STOPSIGNAL",
          "HEALTHCHECK",
          "SHELL");
  private static final Pattern PORT = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/([A-Za-z]+))?");
  private static final Pattern HEREDOC_WORD =
      Pattern.compile("<<-?([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\1");
  private static final int MAX_EXPANDED_RANGE = 100;

  private final String path;
  private final String text;
  private final List<CollectionProblem> problems = new ArrayList<>();
  private final Map<String, Var> globalArgs = new LinkedHashMap<>();
  private final List<Dockerfile.Arg> globalArgList = new ArrayList<>();
  private final List<StageState> stages = new ArrayList<>();
  private final ShellReader shell;
  private char escape;

  private DockerfileParser(String path, String text) {
    this.path = path;
    this.text = text;
    this.shell = new ShellReader(path, problems);
  }

  /** The Dockerfile ({@code null} when the text is not one) and every problem met. */
  record Result(Dockerfile dockerfile, List<CollectionProblem> problems) {}

  static Result parse(String path, String text) {
    return new DockerfileParser(path, text).run();
  }

  private Result run() {
    InstructionReader reader = new InstructionReader(path, text);
    List<Raw> raws = reader.read();
    escape = reader.escape();
    problems.addAll(reader.problems());
    for (Raw raw : raws) {
      instruction(raw);
    }
    if (stages.isEmpty() && raws.isEmpty()) {
      return new Result(null, problems); // empty or comments only: nothing to read, nothing lost
    }
    if (stages.isEmpty()) {
      problems.add(
          CollectionProblem.skipped(
              SourceLocation.file(path),
              "no FROM instruction: not a Dockerfile docker build accepts"));
      return new Result(null, problems);
    }
    List<Stage> built = stages.stream().map(StageState::build).toList();
    return new Result(new Dockerfile(path, directory(path), built, globalArgList), problems);
  }

  private void instruction(Raw raw) {
    String keyword = raw.upperKeyword();
    if (!INSTRUCTIONS.contains(keyword)) {
      problems.add(
          CollectionProblem.note(
              raw.location(),
              "unknown instruction '" + raw.keyword() + "' ignored (docker build rejects it)"));
      return;
    }
    if (keyword.equals("FROM")) {
      from(raw);
      return;
    }
    if (stages.isEmpty()) {
      if (keyword.equals("ARG")) {
        arg(raw, null);
      } else {
        problems.add(
            CollectionProblem.note(
                raw.location(),
                keyword + " before the first FROM ignored (only ARG may come first)"));
      }
      return;
    }
    StageState stage = stages.get(stages.size() - 1);
    stage.instructions.add(new Stage.Instruction(keyword, raw.arguments(), raw.location()));
    switch (keyword) {
      case "ARG" -> arg(raw, stage);
      case "ENV" -> env(raw, stage);
      case "WORKDIR" -> workdir(raw, stage);
      case "USER" -> user(raw, stage);
      case "EXPOSE" -> expose(raw, stage);
      case "COPY", "ADD" -> copy(raw, stage, keyword);
      case "RUN" -> run(raw, stage);
      case "CMD", "ENTRYPOINT" -> command(raw, stage, keyword);
      case "SHELL" -> shell(raw, stage);
      default -> {} // LABEL, VOLUME, HEALTHCHECK...: kept as instructions only
    }
  }

  // ---- FROM ----------------------------------------------------------------------------------

  private void from(Raw raw) {
    Args args = args(raw);
    List<Word> words = args.rest();
    StageState stage = new StageState(stages.size(), raw.location());
    if (words.isEmpty()) {
      problems.add(CollectionProblem.note(raw.location(), "FROM names no image"));
      stage.baseImage = "";
    } else {
      stage.baseImage = Words.value(words.get(0).raw(), this::globalVar, escape);
      if (words.size() >= 3 && words.get(1).raw().equalsIgnoreCase("AS")) {
        stage.name = Words.value(words.get(2).raw(), Words.NONE, escape);
      } else if (words.size() > 1) {
        problems.add(
            CollectionProblem.note(
                raw.location(), "FROM has unexpected words after the image: " + raw.arguments()));
      }
    }
    StageState parent = null;
    for (int i = stages.size() - 1; i >= 0 && parent == null; i--) {
      if (stages.get(i).name != null && stages.get(i).name.equalsIgnoreCase(stage.baseImage)) {
        parent = stages.get(i);
      }
    }
    if (parent != null) {
      stage.inherit(parent);
    } else {
      stage.workdir = stage.baseImage.isEmpty() ? null : BaseImageDefaults.workdir(stage.baseImage);
    }
    stages.add(stage);
  }

  // ---- variables -----------------------------------------------------------------------------

  private void arg(Raw raw, StageState stage) {
    for (Word w : args(raw).rest()) {
      String word = Words.value(w.raw(), Words.NONE, escape);
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      SourceLocation where = location(raw, w);
      if (stage == null) {
        String value =
            eq < 0
                ? null
                : Words.value(w.raw().substring(w.raw().indexOf('=') + 1), this::globalVar, escape);
        globalArgs.put(name, value == null || value.contains("$") ? Var.UNKNOWN : Var.known(value));
        globalArgList.add(new Dockerfile.Arg(name, value, where));
      } else if (eq < 0) {
        stage.args.put(name, globalArgs.getOrDefault(name, Var.UNKNOWN));
      } else {
        String written = w.raw().substring(w.raw().indexOf('=') + 1);
        String value = Words.value(written, stage::buildVar, escape);
        stage.args.put(name, value.contains("$") ? Var.UNKNOWN : Var.known(value));
      }
    }
  }

  private void env(Raw raw, StageState stage) {
    List<Word> words = args(raw).rest();
    if (words.isEmpty()) {
      problems.add(CollectionProblem.note(raw.location(), "ENV sets nothing"));
      return;
    }
    Map<String, String> assigned = new LinkedHashMap<>();
    if (!words.get(0).raw().contains("=")) {
      // legacy form: ENV NAME the rest of the line
      String name = Words.value(words.get(0).raw(), Words.NONE, escape);
      String rest = words.size() < 2 ? "" : raw.text().text().substring(words.get(1).offset());
      assigned.put(name, Words.value(rest.strip(), stage::buildVar, escape));
    } else {
      for (Word w : words) {
        int eq = w.raw().indexOf('=');
        if (eq <= 0) {
          problems.add(
              CollectionProblem.note(
                  location(raw, w), "ENV word '" + w.raw() + "' is not NAME=value; ignored"));
          continue;
        }
        String name = Words.value(w.raw().substring(0, eq), Words.NONE, escape);
        // every value sees the variables as they were before this ENV, as Docker does
        assigned.put(name, Words.value(w.raw().substring(eq + 1), stage::buildVar, escape));
      }
    }
    stage.env.putAll(assigned);
  }

  // ---- image config --------------------------------------------------------------------------

  private void workdir(Raw raw, StageState stage) {
    String value = Words.value(raw.arguments(), stage::buildVar, escape);
    if (value.isEmpty()) {
      problems.add(CollectionProblem.note(raw.location(), "WORKDIR names no folder"));
      return;
    }
    stage.workdir = ContainerPaths.resolve(stage.workdir, value);
  }

  private void user(Raw raw, StageState stage) {
    List<Word> words = args(raw).rest();
    if (words.isEmpty()) {
      problems.add(CollectionProblem.note(raw.location(), "USER names no user"));
      return;
    }
    Word w = words.get(0);
    String name = Words.value(w.raw(), stage::buildVar, escape);
    stage.users.add(new Stage.User(name, location(raw, w)));
  }

  private void expose(Raw raw, StageState stage) {
    for (Word w : args(raw).rest()) {
      String value = Words.value(w.raw(), stage::buildVar, escape);
      SourceLocation where = location(raw, w);
      Matcher m = PORT.matcher(value);
      if (!m.matches()) {
        String protocol = value.contains("/") ? value.substring(value.lastIndexOf('/') + 1) : "tcp";
        protocol = protocol.toLowerCase(Locale.ROOT);
        stage.exposes.add(new Stage.Expose(null, protocol, w.raw(), where));
        if (!value.contains("$")) {
          problems.add(CollectionProblem.note(where, "EXPOSE '" + w.raw() + "' is not a port"));
        }
        continue;
      }
      String protocol = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(Locale.ROOT);
      long first = Long.parseLong(m.group(1));
      long last = m.group(2) == null ? first : Long.parseLong(m.group(2));
      if (first > 65535 || last > 65535 || last < first) {
        problems.add(CollectionProblem.note(where, "EXPOSE '" + w.raw() + "' is not a valid port"));
        continue;
      }
      if (last - first >= MAX_EXPANDED_RANGE) {
        stage.exposes.add(new Stage.Expose(null, protocol, w.raw(), where));
        continue;
      }
      for (long p = first; p <= last; p++) {
        stage.exposes.add(new Stage.Expose((int) p, protocol, w.raw(), where));
      }
    }
  }

  private void copy(Raw raw, StageState stage, String keyword) {
    Args args = args(raw);
    List<String> items = new ArrayList<>();
    String rest = args.restText();
    List<String> json = Words.jsonArray(rest);
    if (json != null) {
      json.forEach(j -> items.add(Words.value(j, stage::buildVar, '\u0000')));
    } else {
      for (Word w : args.rest()) {
        Matcher heredoc = HEREDOC_WORD.matcher(w.raw());
        items.add(
            heredoc.matches()
                ? "<<" + heredoc.group(2)
                : Words.value(w.raw(), stage::buildVar, escape));
      }
    }
    if (items.size() < 2) {
      problems.add(
          CollectionProblem.note(
              raw.location(), keyword + " needs at least one source and a destination"));
      return;
    }
    String from = args.flags().get("from");
    if (from != null) {
      from = Words.value(from, stage::buildVar, escape);
    }
    stage.copies.add(
        new Stage.Copy(
            keyword,
            items.subList(0, items.size() - 1),
            items.get(items.size() - 1),
            from,
            raw.location(),
            stage.workdir));
  }

  private void run(Raw raw, StageState stage) {
    Args args = args(raw);
    String rest = args.restText();
    List<String> json = Words.jsonArray(rest);
    String command;
    if (json != null) {
      command = String.join(" ", json);
    } else {
      command = Words.substitute(rest, stage::buildVar, escape);
    }
    boolean onlyHeredoc = false;
    if (!raw.heredocs().isEmpty()) {
      StringBuilder script = new StringBuilder();
      onlyHeredoc = HEREDOC_WORD.matcher(rest.strip()).matches();
      if (!onlyHeredoc) {
        script.append(command).append('\n');
      }
      for (InstructionReader.Heredoc h : raw.heredocs()) {
        script.append(Words.substitute(h.body(), stage::buildVar, escape));
        if (!onlyHeredoc) {
          script.append(h.name()).append('\n');
        }
      }
      command = script.toString().strip();
    }
    Map<String, String> env = Map.copyOf(stage.env);
    ShellFacts facts;
    if (json != null) {
      facts = shell.run(json, raw.location(), stage.workdir, env);
    } else if (args.rest().isEmpty()) {
      facts = ShellFacts.unread(raw.location());
    } else {
      ShellText text =
          ShellText.of(
              raw,
              args.rest().get(0).offset(),
              onlyHeredoc,
              t -> Words.substitute(t, stage::buildVar, escape));
      facts = shell.run(text.text(), text::lineOfRow, raw.location(), stage.workdir, env);
    }
    stage.runs.add(new Stage.Run(command, raw.location(), stage.workdir, facts));
  }

  private void command(Raw raw, StageState stage, String keyword) {
    String rest = raw.arguments();
    List<String> json = Words.jsonArray(rest);
    Stage.Command command;
    if (json != null) {
      // exec form: no substitution
      command =
          new Stage.Command(json, false, raw.location(), shell.commands(json, raw.location()));
    } else {
      List<String> argv = new ArrayList<>(stage.shell);
      String text = Words.substitute(rest, stage::runtimeVar, escape);
      argv.add(text);
      command = new Stage.Command(argv, true, raw.location(), shell.commands(text, raw.location()));
    }
    if (keyword.equals("CMD")) {
      stage.cmd = command;
      stage.cmdSet = true;
    } else {
      stage.entrypoint = command;
      if (!stage.cmdSet) {
        stage.cmd = null; // an ENTRYPOINT resets the CMD inherited from the base
      }
    }
  }

  private void shell(Raw raw, StageState stage) {
    List<String> json = Words.jsonArray(raw.arguments());
    if (json == null || json.isEmpty()) {
      problems.add(
          CollectionProblem.note(
              raw.location(),
              "SHELL must be a JSON array such as [\"/bin/bash\", \"-c\"]; ignored"));
      return;
    }
    stage.shell = List.copyOf(json);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** What FROM and global ARG defaults see: the ARGs declared before the first FROM. */
  private Var globalVar(String name) {
    return globalArgs.getOrDefault(name, Var.UNDECLARED);
  }

  /** Leading {@code --flag=value} words (lower-cased names) and the words after them. */
  private record Args(Map<String, String> flags, List<Word> rest, String restText) {}

  private Args args(Raw raw) {
    String arguments = raw.text().text().substring(raw.argumentsStart());
    List<Word> words = Words.split(arguments, escape);
    Map<String, String> flags = new HashMap<>();
    int i = 0;
    while (i < words.size() && words.get(i).raw().startsWith("--")) {
      String flag = words.get(i).raw().substring(2);
      int eq = flag.indexOf('=');
      flags.put(
          (eq < 0 ? flag : flag.substring(0, eq)).toLowerCase(Locale.ROOT),
          eq < 0 ? "" : flag.substring(eq + 1));
      i++;
    }
    List<Word> rest = new ArrayList<>();
    for (Word w : words.subList(i, words.size())) {
      rest.add(new Word(w.raw(), raw.argumentsStart() + w.offset()));
    }
    String restText =
        rest.isEmpty() ? "" : raw.text().text().substring(rest.get(0).offset()).strip();
    return new Args(flags, rest, restText);
  }

  private SourceLocation location(Raw raw, Word w) {
    return raw.text().location(path, w.offset());
  }

  private static String directory(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** A stage while it is read: its config so far and the variables in scope. */
  private static final class StageState {
    final int index;
    final SourceLocation location;
    String name;
    String baseImage;
    final List<Stage.Instruction> instructions = new ArrayList<>();
    final List<Stage.Expose> exposes = new ArrayList<>();
    final List<Stage.User> users = new ArrayList<>();
    final List<Stage.Copy> copies = new ArrayList<>();
    final List<Stage.Run> runs = new ArrayList<>();
    final Map<String, String> env = new LinkedHashMap<>();
    final Map<String, Var> args = new HashMap<>();
    String workdir;
    Stage.Command entrypoint;
    Stage.Command cmd;
    boolean cmdSet;
    List<String> shell = List.of("/bin/sh", "-c");

    StageState(int index, SourceLocation location) {
      this.index = index;
      this.location = location;
    }

    /** A stage built FROM an earlier one starts with its image config (not its ARGs). */
    void inherit(StageState parent) {
      exposes.addAll(parent.exposes);
      users.addAll(parent.users);
      env.putAll(parent.env);
      workdir = parent.workdir;
      entrypoint = parent.entrypoint;
      cmd = parent.cmd;
      shell = parent.shell;
    }

    /** What RUN, COPY, WORKDIR... see: ENV first, then ARG. */
    Var buildVar(String name) {
      Var fromEnv = runtimeVar(name);
      return fromEnv.declared() ? fromEnv : args.getOrDefault(name, Var.UNDECLARED);
    }

    /** What the running container sees: ENV only. */
    Var runtimeVar(String name) {
      String value = env.get(name);
      if (value == null) {
        return Var.UNDECLARED;
      }
      return value.contains("$") ? Var.UNKNOWN : Var.known(value);
    }

    Stage build() {
      return new Stage(
          index,
          name,
          baseImage,
          location,
          instructions,
          exposes,
          users,
          copies,
          runs,
          env,
          workdir,
          entrypoint,
          cmd);
    }
  }
}

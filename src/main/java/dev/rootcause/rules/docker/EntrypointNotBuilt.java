package dev.rootcause.rules.docker;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.PathEntry;
import dev.rootcause.model.docker.ShellCommand;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.docker.StageContents;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Seed 001: the binary was copied to one path and started from another. */
@RuleSpec(
    id = "docker/entrypoint-not-built",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "ENTRYPOINT or CMD starts a file the final stage never puts in place",
    symptom =
        "container exits at once with exec: \"/app/server\": no such file or directory;"
            + " CrashLoopBackOff",
    fix = "Start the path the binary or script is copied to, or copy it to the path you start.")
public final class EntrypointNotBuilt implements DockerfileRule {
  /** Words that hint at a secret on the command line: such a command is never quoted back. */
  private static final List<String> SENSITIVE =
      List.of("pass", "secret", "token", "key", "credential", "auth");

  private static final Set<String> SCRIPT_RUNNERS =
      Set.of("node", "nodejs", "ruby", "perl", "php", "sh", "bash", "java");

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    Stage last = dockerfile.finalStage().orElse(null);
    if (last == null || last.entrypoint() == null && last.cmd() == null) {
      return; // the base image's command: not ours to judge
    }
    StageContents files = dockerfile.contents(last);
    Stage.Command shell = shellFormThatRuns(last);
    if (shell != null
        && !files.base().hasShell()
        && shell.argv().get(0).equals("/bin/sh")
        && files.providers("/bin/sh").isEmpty()) {
      reportNoShell(shell, last, ctx);
      return;
    }
    Target target = target(last);
    if (target == null || files.mayHave(target.path())) {
      return;
    }
    String keyword = target.command() == last.entrypoint() ? "ENTRYPOINT" : "CMD";
    String resolved = target.written().equals(target.path()) ? "" : " (" + target.path() + ")";
    List<PathEntry> nearby =
        files.entries().stream()
            .filter(e -> e.kind() != PathEntry.Kind.CONTEXT || !e.path().equals("/"))
            .filter(
                e ->
                    ContainerPaths.within(e.path(), ContainerPaths.parent(target.path()))
                        || ContainerPaths.within(ContainerPaths.parent(target.path()), e.path()))
            .toList();
    if (nearby.isEmpty()) {
      nearby = files.entries();
    }
    String placed =
        nearby.isEmpty()
            ? "it copies nothing in"
            : "it puts "
                + nearby.stream()
                    .limit(3)
                    .map(EntrypointNotBuilt::describe)
                    .collect(Collectors.joining(", "));
    var finding =
        ctx.report(
            target.command().location(),
            keyword
                + " starts "
                + target.written()
                + resolved
                + ", but nothing in the final stage"
                + " puts a file there; "
                + placed);
    nearby.stream()
        .limit(3)
        .forEach(e -> finding.related(e.location(), e.how() + " puts " + e.path() + " in place"));
    String extension = extension(target.path());
    List<PathEntry> candidates =
        nearby.stream()
            .filter(e -> e.kind() == PathEntry.Kind.FILE || e.kind() == PathEntry.Kind.BUILT)
            .filter(e -> !e.path().equals(ContainerPaths.parent(target.path())))
            .filter(e -> extension(e.path()).equals(extension))
            .toList();
    if (candidates.size() == 1) {
      finding.fix(
          "Start "
              + candidates.get(0).path()
              + " in "
              + keyword
              + ", or copy the file to "
              + target.path()
              + ".");
    } else {
      finding.fix(
          "Copy "
              + target.written()
              + " into the final stage at "
              + target.path()
              + ", or start the path it is copied to.");
    }
    if (!target.script()) {
      finding.symptom(
          "container exits at once with exec: \""
              + target.written()
              + "\": no such file or directory; CrashLoopBackOff");
    } else {
      finding.symptom(
          "container exits at once: "
              + target.interpreter()
              + " cannot open "
              + target.path()
              + "; CrashLoopBackOff");
    }
  }

  private static String extension(String path) {
    String name = ContainerPaths.fileName(path);
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot);
  }

  /** The shell-form ENTRYPOINT or CMD that decides what runs, if the command is shell form. */
  private static Stage.Command shellFormThatRuns(Stage s) {
    if (s.entrypoint() != null) {
      return s.entrypoint().shellForm() ? s.entrypoint() : null;
    }
    return s.cmd() != null && s.cmd().shellForm() ? s.cmd() : null;
  }

  private static void reportNoShell(Stage.Command shell, Stage last, RuleContext ctx) {
    String keyword = shell == last.entrypoint() ? "ENTRYPOINT" : "CMD";
    List<ShellCommand> commands = shell.commands();
    String program = commands.isEmpty() ? "" : " " + commands.get(0).name();
    // only the program is quoted: the rest of a command line may carry a password
    var finding =
        ctx.report(
                shell.location(),
                keyword
                    + program
                    + " is in shell form, so it runs through /bin/sh -c, and FROM "
                    + last.baseImage()
                    + " has no /bin/sh")
            .symptom(
                "container exits at once with exec: \"/bin/sh\": no such file or directory;"
                    + " CrashLoopBackOff");
    boolean simple =
        commands.size() == 1
            && !commands.get(0).opaque()
            && commands.get(0).writes().isEmpty()
            && commands.get(0).words().stream().noneMatch(w -> w.contains("$"));
    if (simple && !mayHoldSecret(commands.get(0))) {
      String json = Stage.Command.execForm(commands.get(0).words());
      finding.fix("Use the exec form: " + keyword + " " + json + ".");
    } else {
      finding.fix(
          "Use the exec form ("
              + keyword
              + " [\"/path/to/binary\", \"arg\"]), which"
              + " needs no shell.");
    }
  }

  private static boolean mayHoldSecret(ShellCommand command) {
    return command.words().stream()
        .map(w -> w.toLowerCase(Locale.ROOT))
        .anyMatch(w -> SENSITIVE.stream().anyMatch(w::contains));
  }

  /**
   * The file the command starts: {@code written} as in the Dockerfile, {@code path} absolute; for a
   * script, the {@code interpreter} that opens it.
   */
  private record Target(String written, String path, Stage.Command command, String interpreter) {
    boolean script() {
      return interpreter != null;
    }
  }

  private static Target target(Stage s) {
    Stage.Command ep = s.entrypoint();
    Stage.Command cmd = s.cmd();
    List<String> words = new ArrayList<>();
    List<Stage.Command> owners = new ArrayList<>();
    Stage.Command first = ep != null ? ep : cmd;
    if (first.shellForm()) {
      List<ShellCommand> commands = first.commands();
      if (commands.isEmpty() || commands.get(0).opaque()) {
        return null;
      }
      ShellCommand c = commands.get(0);
      words.add(c.name());
      words.addAll(c.args());
      words.forEach(w -> owners.add(first));
    } else {
      first
          .argv()
          .forEach(
              w -> {
                words.add(w);
                owners.add(first);
              });
      if (ep != null && cmd != null) {
        cmd.argv()
            .forEach(
                w -> {
                  words.add(w); // exec-form ENTRYPOINT takes CMD as its arguments
                  owners.add(cmd);
                });
      }
    }
    if (words.isEmpty() || words.get(0).isEmpty()) {
      return null;
    }
    int at = words.get(0).contains("/") ? 0 : scriptIndex(words);
    if (at < 0 || words.get(at).contains("$") || words.get(at).isEmpty()) {
      return null;
    }
    String path = ContainerPaths.resolve(s.workdir(), words.get(at));
    if (path == null) {
      return null;
    }
    return new Target(words.get(at), path, owners.get(at), at == 0 ? null : words.get(0));
  }

  /** Where the script an interpreter runs is ({@code python app.py}); -1 when there is none. */
  private static int scriptIndex(List<String> words) {
    String program = words.get(0);
    boolean python =
        program.startsWith("python")
            && program
                .substring("python".length())
                .chars()
                .allMatch(ch -> Character.isDigit(ch) || ch == '.');
    if (!python && !SCRIPT_RUNNERS.contains(program)) {
      return -1; // looked up in PATH: installed by the base or a package manager
    }
    if (program.equals("java")) {
      int jar = words.indexOf("-jar");
      return jar > 0 && jar + 1 < words.size() ? jar + 1 : -1;
    }
    boolean node = program.startsWith("node");
    Set<String> inline =
        node ? Set.of("-e", "--eval", "-p", "--print") : Set.of("-m", "-c", "-e", "-r");
    Set<String> withValue =
        node ? Set.of("-r", "--require", "--import", "--loader") : Set.of("-W", "-X");
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      if (inline.contains(w)) {
        return -1; // a module or inline code, not a file
      }
      if (withValue.contains(w)) {
        i++;
      } else if (!w.startsWith("-")) {
        // node resolves "server" to server.js or server/index.js: too many candidates to judge
        return node && !ContainerPaths.fileName(w).contains(".") ? -1 : i;
      }
    }
    return -1;
  }

  private static String describe(PathEntry e) {
    return e.path() + " (" + e.how() + ", line " + e.location().line() + ")";
  }
}

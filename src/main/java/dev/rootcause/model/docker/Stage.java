package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code FROM} stage with its instructions, already grouped by what rules ask: which ports it
 * exposes, which user it runs as, what it copies and runs, and what it starts. Values have {@code
 * ARG}/{@code ENV} substitution applied where the value is known. The image config ({@code
 * exposes}, {@code users}, {@code env}, {@code workdir}, {@code entrypoint}, {@code cmd}) includes
 * what the stage inherits from an earlier stage it is built {@code FROM}; {@code instructions},
 * {@code copies} and {@code runs} are the stage's own. {@code workdir} is null when unknown.
 */
public record Stage(
    int index,
    String name,
    String baseImage,
    SourceLocation location,
    List<Instruction> instructions,
    List<Expose> exposes,
    List<User> users,
    List<Copy> copies,
    List<Run> runs,
    Map<String, String> env,
    String workdir,
    Command entrypoint,
    Command cmd)
    implements java.io.Serializable {

  public Stage {
    instructions = List.copyOf(instructions);
    exposes = List.copyOf(exposes);
    users = List.copyOf(users);
    copies = List.copyOf(copies);
    runs = List.copyOf(runs);
    env = Map.copyOf(env);
  }

  /** The {@code USER} in effect at the end of the stage, if any was written. */
  public Optional<User> effectiveUser() {
    return users.isEmpty() ? Optional.empty() : Optional.of(users.get(users.size() - 1));
  }

  /**
   * The words of the process the image starts, as far as the Dockerfile says: an exec-form {@code
   * ENTRYPOINT} followed by the {@code CMD} (its arguments), or the first simple command of a shell
   * form. Empty when there is no command or its shell was not read.
   */
  public List<String> startsWith() {
    Command first = entrypoint != null ? entrypoint : cmd;
    if (first == null) {
      return List.of();
    }
    if (first.shellForm()) {
      ShellCommand c = first.commands().isEmpty() ? null : first.commands().get(0);
      return c == null || c.opaque()
          ? List.of()
          : java.util.stream.Stream.concat(java.util.stream.Stream.of(c.name()), c.args().stream())
              .toList(); // without a leading exec
    }
    if (first == entrypoint && cmd != null && !cmd.shellForm()) {
      return java.util.stream.Stream.concat(entrypoint.argv().stream(), cmd.argv().stream())
          .toList();
    }
    return first.argv();
  }

  /** Whether the base is {@code scratch} (nothing in the image but what is copied in). */
  public boolean fromScratch() {
    return "scratch".equalsIgnoreCase(baseImage);
  }

  /** Any instruction, as written, with its keyword upper-cased. */
  public record Instruction(String keyword, String arguments, SourceLocation location)
      implements java.io.Serializable {}

  /** {@code EXPOSE 8080/tcp}; {@code port} is null when it is an unresolved variable. */
  public record Expose(Integer port, String protocol, String raw, SourceLocation location)
      implements java.io.Serializable {}

  /** {@code USER name[:group]} or a numeric uid. */
  public record User(String user, SourceLocation location) implements java.io.Serializable {
    public boolean isRoot() {
      String u = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
      return u.equals("root") || u.equals("0");
    }
  }

  /**
   * {@code COPY}/{@code ADD}: sources, destination, and {@code --from} stage or image (null when
   * copying from the build context).
   */
  public record Copy(
      String keyword,
      List<String> sources,
      String destination,
      String from,
      SourceLocation location,
      String workdir)
      implements java.io.Serializable {
    public Copy {
      sources = List.copyOf(sources);
    }

    public Copy(
        String keyword,
        List<String> sources,
        String destination,
        String from,
        SourceLocation location) {
      this(keyword, sources, destination, from, location, null);
    }

    /** Whether the sources go into the destination folder: {@code ./}, {@code .}, or several. */
    public boolean intoDirectory() {
      return destination.endsWith("/")
          || destination.equals(".")
          || destination.endsWith("/.")
          || sources.size() > 1;
    }

    /**
     * The destination as an absolute, normalized path (no trailing slash), resolved against the
     * {@code WORKDIR} in effect; null when it is relative and the workdir is unknown, or holds an
     * unresolved variable.
     */
    public String destinationPath() {
      return ContainerPaths.resolve(workdir, destination);
    }

    /**
     * Whether a source copies the file {@code path} of the build context: by name pattern for a
     * file at the top ({@code package*.json} copies {@code package.json}), else by its ending
     * ({@code ./go.mod}).
     */
    public boolean copiesFile(String path) {
      for (String source : sources) {
        if (path.equals(ContainerPaths.fileName(path))
                && ContainerPaths.matchesName(path, ContainerPaths.fileName(source))
            || source.endsWith(path)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * {@code RUN}: its shell text (heredoc bodies included), {@code WORKDIR} (null: unknown), and
   * what the shell does, read at collection.
   */
  public record Run(String command, SourceLocation location, String workdir, ShellFacts shell)
      implements java.io.Serializable {
    /** A RUN whose shell was not read: rules that need its effects stay silent. */
    public Run(String command, SourceLocation location, String workdir) {
      this(command, location, workdir, ShellFacts.unread(location));
    }

    public Run(String command, SourceLocation location) {
      this(command, location, null);
    }
  }

  /**
   * {@code ENTRYPOINT} or {@code CMD}: exec form ({@code ["python", "app.py"]}) as {@code argv},
   * shell form as one string wrapped as {@code ["/bin/sh", "-c", text]}. {@code commands} are the
   * simple commands it runs: the parsed shell of the shell form (or of an exec-form {@code sh -c
   * script}), else {@code argv} as one command; empty when the shell could not be read.
   */
  public record Command(
      List<String> argv, boolean shellForm, SourceLocation location, List<ShellCommand> commands)
      implements java.io.Serializable {
    public Command {
      argv = List.copyOf(argv);
      commands = List.copyOf(commands);
    }

    /** A command whose shell was not read: exec form is its own one command. */
    public Command(List<String> argv, boolean shellForm, SourceLocation location) {
      this(
          argv,
          shellForm,
          location,
          shellForm ? List.of() : List.of(new ShellCommand(argv, List.of(), false, location)));
    }

    /** {@code words} written as an exec-form array: {@code ["node", "server.js"]}. */
    public static String execForm(List<String> words) {
      return words.stream()
          .map(w -> "\"" + w.replace("\"", "\\\"") + "\"")
          .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    /** Whether any command it runs, or any word of the exec form, is one of {@code programs}. */
    public boolean runsAnyOf(Set<String> programs) {
      return argv.stream().map(ContainerPaths::fileName).anyMatch(programs::contains)
          || commands.stream()
              .flatMap(c -> c.words().stream())
              .map(ContainerPaths::fileName)
              .anyMatch(programs::contains);
    }
  }
}

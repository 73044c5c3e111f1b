package dev.rootcause.collect.docker;

import dev.rootcause.collect.build.ShellWalker;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.docker.PackageInstall;
import dev.rootcause.model.docker.ShellCommand;
import dev.rootcause.model.docker.ShellFacts;
import dev.rootcause.model.docker.UserAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Reads the shell of a Dockerfile once, at collection, through the same {@link ShellWalker} that
 * reads build scripts: {@code RUN} lines into {@link ShellFacts} (commands, paths put in place,
 * packages installed, users created), shell-form {@code CMD} and {@code ENTRYPOINT} into their
 * commands. Shell that tree-sitter cannot parse is a note, and its facts say "unknown".
 */
final class ShellReader {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh");

  private final String path;
  private final List<CollectionProblem> problems;

  ShellReader(String path, List<CollectionProblem> problems) {
    this.path = path;
    this.problems = problems;
  }

  /**
   * Shell text of a RUN ({@code lineOfRow} maps its rows to lines of the Dockerfile), run in the
   * absolute folder {@code workdir} (null: unknown) with the image environment {@code env}.
   */
  ShellFacts run(
      String text,
      IntUnaryOperator lineOfRow,
      SourceLocation at,
      String workdir,
      Map<String, String> env) {
    List<ShellCommand> commands = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    if (!walk(text, lineOfRow, at, workdir, commands, dirs, true)) {
      return ShellFacts.unread(at);
    }
    ShellFacts facts = facts(commands, dirs, at, env);
    return new ShellFacts(
        facts.commands(),
        facts.paths(),
        facts.installs(),
        facts.accounts(),
        facts.unknownEffect(),
        Assignments.in(text));
  }

  /** An exec-form RUN: one command, unless it hands a script to a shell ({@code sh -c ...}). */
  ShellFacts run(List<String> argv, SourceLocation at, String workdir, Map<String, String> env) {
    if (isShellScript(argv)) {
      return run(argv.get(2), row -> at.line(), at, workdir, env);
    }
    return facts(
        List.of(new ShellCommand(argv, List.of(), false, at)),
        java.util.Collections.singletonList(workdir),
        at,
        env);
  }

  /**
   * The commands of a CMD or ENTRYPOINT; empty when its shell cannot be read. A command line that
   * is not shell ({@code CMD ['python', 'app.py']}) is the image author's to find at run time, not
   * a gap in what rootcause read, so it is no note.
   */
  List<ShellCommand> commands(String text, SourceLocation at) {
    List<ShellCommand> commands = new ArrayList<>();
    return walk(text, row -> at.line(), at, null, commands, new ArrayList<>(), false)
        ? commands
        : List.of();
  }

  /** The commands of an exec-form CMD or ENTRYPOINT: its argv, or the script it gives a shell. */
  List<ShellCommand> commands(List<String> argv, SourceLocation at) {
    return isShellScript(argv)
        ? commands(argv.get(2), at)
        : List.of(new ShellCommand(argv, List.of(), false, at));
  }

  private static boolean isShellScript(List<String> argv) {
    return argv.size() >= 3
        && SHELLS.contains(argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1))
        && argv.get(1).equals("-c");
  }

  /** Walks {@code text}; a RUN that cannot be read is a {@code note}. */
  private boolean walk(
      String text,
      IntUnaryOperator lineOfRow,
      SourceLocation at,
      String workdir,
      List<ShellCommand> commands,
      List<String> dirs,
      boolean note) {
    ShellWalker.Outcome outcome;
    try {
      outcome =
          ShellWalker.walkInImage(
              text,
              lineOfRow,
              workdir,
              Map.of(),
              c -> {
                commands.add(
                    new ShellCommand(
                        c.words(), c.writes(), c.opaque(), SourceLocation.of(path, c.line())));
                dirs.add(c.dir());
              });
    } catch (LinkageError e) {
      if (note) {
        problems.add(
            CollectionProblem.skipped(
                at, "RUN shell not read: the tree-sitter parser is unavailable on this platform"));
      }
      return false;
    }
    boolean failed = !outcome.parsed() || outcome.exhausted() || outcome.syntaxLine() > 0;
    if (failed && note) {
      int line = outcome.syntaxLine() > 0 ? outcome.syntaxLine() : at.line();
      problems.add(
          CollectionProblem.note(
              SourceLocation.of(path, line),
              "RUN shell syntax not understood here; what it runs is taken as unknown"));
    }
    return !failed;
  }

  private static ShellFacts facts(
      List<ShellCommand> commands, List<String> dirs, SourceLocation at, Map<String, String> env) {
    FileEffects effects = new FileEffects(at, env);
    List<PackageInstall> installs = new ArrayList<>();
    List<UserAccount> accounts = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      ShellCommand c = commands.get(i);
      effects.read(c, dirs.get(i));
      PackageInstall install = PackageInstalls.of(c);
      if (install != null) {
        installs.add(install);
      }
      UserAccount account = UserAccounts.of(c);
      if (account != null) {
        accounts.add(account);
      }
    }
    return new ShellFacts(commands, effects.entries(), installs, accounts, effects.unknown());
  }
}

package dev.rootcause.cli;

import dev.rootcause.pipeline.BuiltInRules;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.report.Renderers;
import dev.rootcause.report.Version;
import dev.rootcause.rules.Rule;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rootcause} command. {@link #commandLine} builds the CLI once, with its error handling,
 * so tests run it in-process and read stdout, stderr and the exit code.
 */
@Command(
    name = "rootcause",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
      "Finds the root causes of outages across application code, Dockerfiles, build scripts and"
          + " Kubernetes manifests, with file:line evidence and a fix for each.",
      ""
    },
    subcommands = {
      ScanCommand.class,
      DiagnoseCommand.class,
      ProbeCommand.class,
      VerifyCommand.class,
      RulesCommand.class,
      SchemaCommand.class,
      InitCommand.class,
      CompletionCommand.class,
      IncidentCommand.class,
      SloCommand.class,
      BudgetCommand.class,
      ReportCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes:",
      "  0  clean: nothing at or above --fail-on",
      "  1  findings at or above --fail-on",
      "  2  usage error or bad input (the message names the file and line)",
      "  3  incomplete: a required source (a cluster) could not be read",
      "  4  internal error (please report it; --verbose shows the stack trace)",
    })
public final class Main implements Runnable {
  /** What each command that writes a report renders: its {@code --format} choices. */
  private static final Map<Class<?>, Renderers<?>> REPORTS =
      Map.of(
          ScanCommand.class, Renderers.SCAN,
          DiagnoseCommand.class, Renderers.DIAGNOSE,
          ProbeCommand.class, Renderers.PROBE,
          VerifyCommand.class, Renderers.VERIFY);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Terminal.pinBuiltInConsole();
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(commandLine(out, err).execute(args));
  }

  /** The configured CLI writing to {@code out} and {@code err}. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, BuiltInRules.all());
  }

  /** The CLI with another rule catalogue: how tests reach the paths a built-in rule cannot. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, List<Rule> rules) {
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (type == ScanCommand.class) {
              return type.cast(new ScanCommand(rules));
            }
            if (type == RulesCommand.class) {
              return type.cast(new RulesCommand(rules));
            }
            if (type == ServeCommand.class) {
              return type.cast(new ServeCommand(rules));
            }
            if (type == InitCommand.class) {
              return type.cast(new InitCommand(rules));
            }
            return CommandLine.defaultFactory().create(type);
          }
        };
    CommandLine cli = new CommandLine(new Main(), factory);
    for (CommandLine sub : cli.getSubcommands().values()) {
      Renderers<?> renderers = REPORTS.get(sub.getCommand().getClass());
      if (renderers != null) {
        OutputOptions.offer(sub.getCommandSpec(), renderers);
      }
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpAutoWidth(true);
    cli.setExitCodeExceptionMapper(Main::exitCode);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          if (e instanceof InputException) {
            return usageError(e, w);
          }
          return internalError(e, w, parseResult);
        });
    // picocli lets Errors (StackOverflowError, AssertionError) escape: the JVM would print a
    // stack trace and exit 1, which CI would read as "findings".
    cli.setExecutionStrategy(
        parseResult -> {
          try {
            checkReports(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
          } catch (InputException e) {
            return usageError(e, cli.getErr());
          } catch (Error e) {
            return internalError(e, cli.getErr(), parseResult);
          }
        });
    cli.setParameterExceptionHandler(
        (e, args) -> {
          // One line, for a CI log: the problem, then where to read about it.
          PrintWriter w = e.getCommandLine().getErr();
          w.println(
              "rootcause: "
                  + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ")
                  + " (try '"
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help')");
          w.flush();
          return ExitCode.USAGE.code();
        });
    cli.getCommandSpec().exitCodeOnUsageHelp(ExitCode.OK.code());
    HelpFooter.install(cli);
    return cli;
  }

  /**
   * Checks where the reports go before the command does any work: a scan of minutes, or load sent
   * to a service, should not end in "cannot write the report".
   */
  private static void checkReports(CommandLine.ParseResult parseResult) throws InputException {
    CommandLine.ParseResult leaf = parseResult;
    while (leaf.subcommand() != null) {
      leaf = leaf.subcommand();
    }
    if (leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()) {
      return;
    }
    for (CommandLine.Model.CommandSpec mixin : leaf.commandSpec().mixins().values()) {
      if (mixin.userObject() instanceof OutputOptions output) {
        output.targets();
      }
    }
  }

  private static int usageError(Exception e, PrintWriter w) {
    w.println("rootcause: " + e.getMessage());
    w.flush();
    return ExitCode.USAGE.code();
  }

  private static int internalError(
      Throwable e, PrintWriter w, CommandLine.ParseResult parseResult) {
    w.println(
        "rootcause: internal error: "
            + e
            + " (please report this; --verbose shows the stack trace)");
    if (verbose(parseResult)) {
      e.printStackTrace(w);
    }
    w.flush();
    return ExitCode.INTERNAL.code();
  }

  /** {@code --verbose} belongs to a subcommand, so look through the whole chain. */
  private static boolean verbose(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static int exitCode(Throwable e) {
    return e instanceof InputException ? ExitCode.USAGE.code() : ExitCode.INTERNAL.code();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code --version} from the jar manifest. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "rootcause " + Version.get(), "Java " + System.getProperty("java.version")
      };
    }
  }
}

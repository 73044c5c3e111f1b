package dev.rootcause.cli;

import dev.rootcause.model.incident.Slo;
import dev.rootcause.pipeline.Budgets;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.report.incident.Spans;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rootcause slo}: the objective each service's incidents are charged against. */
@Command(
    name = "slo",
    mixinStandardHelpOptions = true,
    description =
        "Sets a service's objective: the error budget its incidents' downtime is charged to.",
    subcommands = SloCommand.Set.class,
    footer = {
      "",
      "Examples:",
      "  rootcause slo set checkout --availability 99.9%% --window 30d",
      "  rootcause slo set url-shortener --allowed-downtime 20m --window 1y",
      "  rootcause slo set checkout --latency 'p95<2s' --window 30d"
    })
final class SloCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description =
          "Sets (or replaces) a service's SLO, as an availability or as allowed downtime.")
  static final class Set implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Option(names = "--availability", paramLabel = "PERCENT", description = "e.g. 99.9%%.")
    String availability;

    @Option(
        names = "--allowed-downtime",
        paramLabel = "DURATION",
        description = "An SLA's downtime allowance, e.g. 20m.")
    String allowedDowntime;

    @Option(
        names = "--latency",
        paramLabel = "OBJECTIVE",
        description =
            "A latency objective, e.g. \"p95<2s\": 95%% of responses under 2 s, the other 5%%"
                + " are its budget. Bad events are counted by 'probe --record'.")
    String latency;

    @Option(
        names = "--window",
        required = true,
        paramLabel = "DURATION",
        description = "The rolling window: 30d, 4w, 1y.")
    String window;

    @Option(names = "--dry-run", description = "Check the input; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws InputException {
      Slo slo = Budgets.slo(service, availability, allowedDowntime, latency, window);
      Budgets budgets = new Budgets(store.store, Clock.systemUTC());
      budgets.set(slo, dryRun);
      PrintWriter out = spec.commandLine().getOut();
      String what =
          "set the SLO of "
              + service
              + ": "
              + slo.objective()
              + ", an error budget of "
              + Spans.human(slo.budgetSeconds());
      out.println(
          dryRun
              ? "dry run: would have " + what + "; nothing was written"
              : what + " (store: " + budgets.storeUrl() + ")");
      out.flush();
      return ExitCode.OK.code();
    }
  }
}

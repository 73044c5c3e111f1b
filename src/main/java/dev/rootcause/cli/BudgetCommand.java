package dev.rootcause.cli;

import dev.rootcause.model.incident.Budget;
import dev.rootcause.pipeline.Budgets;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.report.incident.IncidentJson;
import dev.rootcause.report.incident.IncidentText;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rootcause budget}: each SLO's error budget, what incidents consumed and what is left. */
@Command(
    name = "budget",
    mixinStandardHelpOptions = true,
    description = {
      "Shows each service's error budget over its window ending now: budget, consumed,"
          + " remaining, the burn rate, whether the SLA is breached, and each incident that used"
          + " more than 20%% of the budget (it needs a postmortem)."
    },
    footer = {
      "",
      "Examples:",
      "  rootcause budget",
      "  rootcause budget url-shortener --format json"
    })
final class BudgetCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Parameters(arity = "0..1", paramLabel = "SERVICE")
  String service;

  @Option(names = "--format", description = "${COMPLETION-CANDIDATES}. Default: text.")
  IncidentCommand.Shown format = IncidentCommand.Shown.TEXT;

  @Override
  public Integer call() throws InputException {
    List<Budget> budgets = new Budgets(store.store, Clock.systemUTC()).budgets(service);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        format == IncidentCommand.Shown.JSON
            ? IncidentJson.budgets(budgets)
            : IncidentText.budgets(budgets));
    out.flush();
    return ExitCode.OK.code();
  }
}

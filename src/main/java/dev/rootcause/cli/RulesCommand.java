package dev.rootcause.cli;

import dev.rootcause.model.RuleInfo;
import dev.rootcause.report.RuleCatalogue;
import dev.rootcause.rules.Rule;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rootcause rules}: the catalogue, or one rule's full documentation. */
@Command(
    mixinStandardHelpOptions = true,
    name = "rules",
    description = {
      "Lists every rule: id, severity, what it finds and the symptom it explains.",
      "With a rule id, prints that rule's full documentation."
    },
    footer = {
      "",
      "Examples:",
      "  rootcause rules",
      "  rootcause rules k8s/service-selects-nothing",
      "  rootcause rules --markdown > docs/rules.md"
    })
final class RulesCommand implements Callable<Integer> {

  private final List<Rule> catalogue;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "RULE-ID", description = "Show this rule in full.")
  String ruleId;

  @Option(
      names = "--markdown",
      description = "Print the whole catalogue as Markdown (docs/rules.md).")
  boolean markdown;

  RulesCommand(List<Rule> catalogue) {
    this.catalogue = List.copyOf(catalogue);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<RuleInfo> rules = catalogue.stream().map(Rule::info).toList();
    if (markdown) {
      out.print(RuleCatalogue.markdown(rules));
    } else if (ruleId != null) {
      Optional<RuleInfo> rule = rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
      if (rule.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "rootcause: unknown rule '"
                    + ruleId
                    + "' (run 'rootcause rules' for the catalogue)");
        return ExitCode.USAGE.code();
      }
      out.print(RuleCatalogue.page(rule.get()));
    } else {
      out.print(RuleCatalogue.table(rules));
    }
    out.flush();
    return ExitCode.OK.code();
  }
}

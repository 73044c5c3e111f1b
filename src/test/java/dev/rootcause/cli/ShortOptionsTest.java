package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * One meaning per short option across every command, as kubectl users expect: {@code -n} is the
 * namespace wherever it exists, {@code -c} the config file; load settings have long names only.
 */
class ShortOptionsTest {

  @Test
  void everyShortOptionMeansOneThingInEveryCommand() {
    CommandLine cli =
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    Map<String, Set<String>> meanings = new TreeMap<>();
    collect(cli, meanings);

    meanings.forEach(
        (shortName, longNames) ->
            assertThat(longNames).as("what %s means across commands", shortName).hasSize(1));
    assertThat(meanings.get("-n")).containsExactly("--namespace");
    assertThat(meanings.get("-c")).containsExactly("--config");
  }

  private static void collect(CommandLine command, Map<String, Set<String>> meanings) {
    for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
      String longest = option.longestName();
      for (String name : option.names()) {
        if (name.length() == 2 && name.startsWith("-")) {
          meanings.computeIfAbsent(name, n -> new TreeSet<>()).add(longest);
        }
      }
    }
    command.getSubcommands().values().forEach(sub -> collect(sub, meanings));
  }
}

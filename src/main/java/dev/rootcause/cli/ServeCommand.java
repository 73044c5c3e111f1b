package dev.rootcause.cli;

import dev.rootcause.pipeline.InputException;
import dev.rootcause.rules.Rule;
import dev.rootcause.serve.IncidentRoom;
import dev.rootcause.serve.ServeSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rootcause serve}: the incident room in a browser, until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves the incident room: the incidents (open first), each incident's live timeline,"
          + " root causes with file:line and fix, cluster symptoms, attached evidence and error"
          + " budget, its postmortem, the services' SLOs and the rule catalogue; JSON under /api/.",
      "",
      "Responders add notes and change the status from the page; every open page follows the"
          + " store, so two people see the same timeline, including what 'rootcause incident'"
          + " writes from a terminal.",
      "",
      "Safe by default: it listens on 127.0.0.1 only. Any other --bind needs a token, and then"
          + " every request must carry it (Authorization: Bearer TOKEN, or the login form's"
          + " cookie). Forms carry a CSRF token, all text is escaped and secrets are redacted."
    },
    footer = {
      "",
      "Examples:",
      "  rootcause serve",
      "  rootcause serve --port 9000 --allow-run ./checkout",
      "  openssl rand -hex 32 > ~/.rootcause-token",
      "  rootcause serve --bind 0.0.0.0 --token-file ~/.rootcause-token",
      "",
      "Exit codes: 0 stopped with Ctrl-C; 2 bad usage (a non-loopback --bind without a token,"
          + " a port in use, a store that cannot be read)."
    })
final class ServeCommand implements Callable<Integer> {
  private final List<Rule> rules;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only). Anything else"
              + " needs --token or --token-file.")
  String bind;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Require this token on every request (at least 16 characters). Visible to other users"
              + " in the process list: prefer --token-file.")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "Read the token from this file (its first line).")
  Path tokenFile;

  @Option(
      names = "--allow-run",
      paramLabel = "PATH",
      description =
          "A folder the page may scan and attach to an incident (repeat for several). Without"
              + " it the page runs nothing.")
  List<Path> allowRun = new ArrayList<>();

  ServeCommand(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  @Override
  public Integer call() throws InputException, InterruptedException {
    List<Path> runs = new ArrayList<>();
    for (Path p : allowRun) {
      if (!Files.isDirectory(p)) {
        throw new InputException("--allow-run " + p + ": not a folder to scan");
      }
      runs.add(p.toAbsolutePath().normalize());
    }
    ServeSettings settings =
        new ServeSettings(
            bind,
            port,
            store.store,
            token(),
            runs,
            rules.stream().map(Rule::info).toList(),
            Clock.systemUTC());
    IncidentRoom room = IncidentRoom.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  room.close();
                  stopped.countDown();
                }));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "rootcause serve: the incident room is at "
            + room.url()
            + (settings.token() == null ? "" : " (token required)")
            + (runs.isEmpty() ? "; read-only for runs" : "; may scan " + runs)
            + ". Ctrl-C stops it.");
    out.flush();
    stopped.await();
    return ExitCode.OK.code();
  }

  private String token() throws InputException {
    if (token != null && tokenFile != null) {
      throw new InputException("give --token or --token-file, not both");
    }
    if (tokenFile == null) {
      return token == null || token.isBlank() ? null : token.trim();
    }
    try {
      String first =
          Files.readString(tokenFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      if (first.isBlank()) {
        throw new InputException("--token-file " + tokenFile + " is empty");
      }
      return first.trim();
    } catch (IOException e) {
      throw new InputException("--token-file: cannot read " + tokenFile + ": " + e.getMessage());
    }
  }
}

package dev.rootcause.cli;

import dev.rootcause.pipeline.InputException;
import dev.rootcause.report.Redaction;
import dev.rootcause.rules.Rule;
import dev.rootcause.serve.IncidentRoom;
import dev.rootcause.serve.ServeSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
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
      "  rootcause serve --port 9000 --allow-run ./checkout --allow-run http://127.0.0.1:8080/healthz",
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
      paramLabel = "PATH|URL",
      description =
          "A folder the page may scan, or an http(s) URL it may probe (50 requests, 4"
              + " connections) and verify (20 requests, success=100%%,max<2s), attaching the"
              + " result to an incident (repeat for several). Exactly these: the page cannot"
              + " name another. Without it the page runs nothing.")
  List<String> allowRun = new ArrayList<>();

  ServeCommand(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  @Override
  public Integer call() throws InputException, InterruptedException {
    List<Path> runs = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    for (String a : allowRun) {
      if (a.startsWith("http://") || a.startsWith("https://")) {
        urls.add(url(a));
        continue;
      }
      Path p = Path.of(a);
      if (!Files.isDirectory(p)) {
        throw new InputException(
            "--allow-run " + a + ": not a folder to scan nor an http(s):// URL to probe");
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
            urls,
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
            + (runs.isEmpty() && urls.isEmpty()
                ? "; read-only for runs"
                : (runs.isEmpty() ? "" : "; may scan " + runs)
                    + (urls.isEmpty() ? "" : "; may probe " + Redaction.redact(urls.toString())))
            + ". Ctrl-C stops it.");
    out.flush();
    stopped.await();
    return ExitCode.OK.code();
  }

  /** An allowed URL, checked now so a typo is said at start, not when a responder clicks Run. */
  private static String url(String text) throws InputException {
    try {
      URI u = new URI(text);
      if (u.getHost() == null || u.getHost().isEmpty()) {
        throw new InputException("--allow-run " + Redaction.redact(text) + ": the URL has no host");
      }
      return u.toString();
    } catch (URISyntaxException e) {
      throw new InputException(
          "--allow-run " + Redaction.redact(text) + ": not a URL (" + e.getReason() + ")");
    }
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

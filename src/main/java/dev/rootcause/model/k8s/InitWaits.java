package dev.rootcause.model.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosts an init container waits for or calls, and how: a DNS lookup ({@code nslookup db},
 * {@code getent hosts db}) needs only the name to resolve, while a connection ({@code nc -z db
 * 5432}, {@code wget http://db:8080/}, {@code wait-for-it db:5432}, {@code pg_isready -h db}) needs
 * a Ready pod behind it.
 */
public final class InitWaits {
  private static final Set<String> LOOKUPS = Set.of("nslookup", "dig", "host", "getent");
  private static final Set<String> CONNECTS =
      Set.of(
          "nc",
          "ncat",
          "netcat",
          "wget",
          "curl",
          "telnet",
          "wait-for-it",
          "wait-for-it.sh",
          "wait-for",
          "wait-for.sh",
          "pg_isready",
          "redis-cli",
          "mysqladmin",
          "mysql",
          "psql",
          "dockerize");
  private static final Pattern WORD = Pattern.compile("[^\\s;|&()`'\"]+");
  private static final Pattern URL = Pattern.compile("^[a-z][a-z0-9+.-]*://([^/:@?#]+)");
  private static final Pattern HOST =
      Pattern.compile("^(?:-h|--host=|-host=|tcp://)?([a-z0-9]([a-z0-9.-]*[a-z0-9])?)(?::\\d+)?$");

  private InitWaits() {}

  /** One host a command reaches, with the program that reaches it. */
  public record Call(String host, String program, boolean connects) {}

  /** Every host a container's command reaches, in order; words that are no host are skipped. */
  public static List<Call> of(Container container) {
    List<String> argv = new ArrayList<>(container.command());
    argv.addAll(container.args());
    List<Call> out = new ArrayList<>();
    String program = null;
    boolean commandStart = true;
    int last = 0;
    String text = String.join(" ", argv);
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String between = text.substring(last, m.start());
      if (between.indexOf(';') >= 0
          || between.indexOf('|') >= 0
          || between.indexOf('&') >= 0
          || between.indexOf('(') >= 0
          || between.indexOf('`') >= 0) {
        commandStart = true;
      }
      last = m.end();
      String word = m.group();
      String name = word.substring(word.lastIndexOf('/') + 1);
      if (commandStart) {
        if (Set.of("until", "while", "do", "if", "then", "!", "timeout", "exec").contains(word)
            || word.chars().allMatch(Character::isDigit)) {
          continue;
        }
        program = name;
        commandStart = false;
        continue;
      }
      if (Set.of("sh", "bash", "ash").contains(program)
          && word.startsWith("-")
          && word.contains("c")) {
        commandStart = true; // the script after sh -c runs its own commands
        continue;
      }
      if (program == null || !LOOKUPS.contains(program) && !CONNECTS.contains(program)) {
        continue;
      }
      String host = host(word);
      if (host != null) {
        out.add(new Call(host, program, CONNECTS.contains(program)));
      }
    }
    return out;
  }

  private static String host(String word) {
    Matcher url = URL.matcher(word);
    if (url.find()) {
      return url.group(1);
    }
    if (word.startsWith("-") && !word.startsWith("-h") && !word.startsWith("--host")) {
      return null;
    }
    Matcher h = HOST.matcher(word.toLowerCase(java.util.Locale.ROOT));
    if (!h.matches() || h.group(1).chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      return null;
    }
    String host = h.group(1);
    return Set.of("hosts", "localhost", "echo", "sleep", "done", "exit").contains(host)
        ? null
        : host;
  }
}

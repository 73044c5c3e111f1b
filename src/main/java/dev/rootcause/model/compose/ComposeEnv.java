package dev.rootcause.model.compose;

import dev.rootcause.model.Sensitive;
import dev.rootcause.model.SourceLocation;
import java.util.List;

/**
 * The environment a docker-compose service's container starts with: its {@code environment:}
 * entries (map or {@code KEY=value} list) and the lines of the {@code env_file:} files it names,
 * each at the line that sets it. A variable set in both is listed once, with the value compose uses
 * ({@code environment:} wins).
 */
public record ComposeEnv(String file, String service, List<Var> vars)
    implements java.io.Serializable {

  public ComposeEnv {
    vars = List.copyOf(vars);
  }

  /** One variable: its value (kept out of output unless a rule shows it) and where it is set. */
  public record Var(String name, Sensitive value, SourceLocation location)
      implements java.io.Serializable {}
}

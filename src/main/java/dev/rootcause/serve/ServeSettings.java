package dev.rootcause.serve;

import dev.rootcause.model.RuleInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * How {@code rootcause serve} runs: where it listens, the store, the token (null: none), the
 * folders a page may scan and the URLs it may probe and verify, the rule catalogue it shows and the
 * clock budgets are computed at.
 */
public record ServeSettings(
    String bind,
    int port,
    String store,
    String token,
    List<Path> allowRun,
    List<String> allowUrls,
    List<RuleInfo> rules,
    Clock clock) {

  /** The shortest token accepted: anything shorter can be guessed over the network. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public ServeSettings {
    allowRun = List.copyOf(allowRun);
    allowUrls = List.copyOf(allowUrls);
    rules = List.copyOf(rules);
  }
}

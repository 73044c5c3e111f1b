package dev.rootcause.cli;

import dev.rootcause.pipeline.InputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses byte sizes written the way Kubernetes and humans write them: 512KiB, 8MiB, 8MB, 1G. */
final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b?)", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  static long parse(String text, String option) throws InputException {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new InputException(option + ": '" + text + "' is not a size (try 512KiB, 8MiB, 1GiB)");
    }
    long n = Long.parseLong(m.group(1));
    int shift =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    return n << shift;
  }
}

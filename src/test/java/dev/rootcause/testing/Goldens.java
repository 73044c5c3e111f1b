package dev.rootcause.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a checked-in golden file. Run with {@code -Dgolden.update=true} to rewrite
 * the goldens after an intended change, then review the diff before committing it.
 */
public final class Goldens {
  private Goldens() {}

  public static void assertMatches(Path golden, String actual) {
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual);
        return;
      }
      assertThat(golden)
          .as("golden file %s (create it with -Dgolden.update=true)", golden)
          .exists();
      assertThat(actual)
          .as(
              "output differs from %s; if the change is intended, rerun with -Dgolden.update=true"
                  + " and review the diff",
              golden)
          .isEqualTo(Files.readString(golden));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

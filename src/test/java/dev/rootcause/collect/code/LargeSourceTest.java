package dev.rootcause.collect.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.testing.Scans;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large hand-written source file is read like any other: only its content (repeated lines,
 * minified lines, a generated-code header) can make it skipped, never its size alone.
 */
class LargeSourceTest {
  @TempDir Path repo;

  @Test
  void aFiftyThousandLineHandWrittenModuleIsParsedToItsLastRoute() throws Exception {
    StringBuilder py =
        new StringBuilder(
            "import time\n\nfrom flask import Flask, jsonify\n\n" + "app = Flask(__name__)\n\n");
    for (int i = 0; py.toString().split("\n", -1).length < 50_000; i++) {
      py.append("\n\ndef normalise_sku_")
          .append(i)
          .append("(raw):\n")
          .append("    parts = raw.strip().split(\"-\")\n")
          .append("    return \"-\".join(p.upper() for p in parts if p) + \"/")
          .append(i)
          .append("\"\n");
    }
    py.append("\n\n@app.route(\"/reports/daily\")\ndef daily_report():\n");
    int sleepLine = (int) py.chars().filter(c -> c == '\n').count() + 1;
    py.append("    time.sleep(5)\n    return jsonify({\"ok\": True})\n");
    Files.writeString(repo.resolve("app.py"), py);
    assertThat(Files.size(repo.resolve("app.py"))).isGreaterThan(1L << 20);

    ScanResult result = Scans.scan(repo, "app/sleep-in-handler");

    assertThat(result.problems()).noneMatch(p -> p.display().contains("not parsed"));
    assertThat(result.findings())
        .singleElement()
        .extracting(Finding::primary)
        .satisfies(at -> assertThat(((SourceLocation) at).line()).isEqualTo(sleepLine));
  }
}

package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.Collector;
import dev.rootcause.collect.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scan --verbose says where the time went: each stage and collector, and tree-sitter's share. */
class ScanTimingsTest {
  @TempDir Path dir;

  @Test
  void everyStageAndTreeSittersShareAreNamed() throws Exception {
    writeService();
    Map<String, Long> cpuMillis =
        new Scanner(BuiltInRules.all())
            .scan(dir, new Scanner.Options(null, TextFiles.DEFAULT_MAX_BYTES))
            .cpuMillis();

    // Which stages are named, not how long they took: CPU time is the benchmark's to measure.
    assertThat(cpuMillis)
        .containsKeys(
            "walk",
            "read",
            "CodeCollector",
            "ShellScriptCollector",
            "DockerfileCollector",
            "link",
            "rules",
            Collector.TREE_SITTER_STAGE);
    assertThat(cpuMillis.values()).allSatisfy(ms -> assertThat(ms).isNotNegative());
  }

  /** A service whose handlers module is long enough that parsing it takes measurable time. */
  private void writeService() throws IOException {
    StringBuilder handlers =
        new StringBuilder(
            "import os\n\nfrom flask import Flask, jsonify\n\n" + "app = Flask(__name__)\n\n");
    for (int i = 0; i < 2000; i++) {
      handlers
          .append("\n@app.route(\"/items/")
          .append(i)
          .append("/<item_id>\")\n")
          .append("def item_")
          .append(i)
          .append("(item_id):\n")
          .append("    limit = int(os.environ.get(\"LIMIT_")
          .append(i)
          .append("\", \"10\"))\n")
          .append("    return jsonify({\"id\": item_id, \"limit\": limit, \"n\": ")
          .append(i)
          .append("})\n");
    }
    handlers.append("\n\nif __name__ == \"__main__\":\n    app.run(host=\"0.0.0.0\", port=8080)\n");
    Files.writeString(dir.resolve("app.py"), handlers);
    Files.writeString(
        dir.resolve("build.sh"), "#!/bin/sh\nset -e\ndocker build -t shop/items:1.0.0 .\n");
    Files.writeString(
        dir.resolve("Dockerfile"),
        """
        FROM python:3.12-slim
        WORKDIR /app
        COPY app.py .
        USER 10001
        CMD ["python", "app.py"]
        """);
  }
}

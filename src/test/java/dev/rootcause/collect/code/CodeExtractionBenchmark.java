package dev.rootcause.collect.code;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.code.js.JavaScriptExtractor;
import dev.rootcause.collect.code.python.PythonExtractor;
import dev.rootcause.collect.syntax.Grammar;
import dev.rootcause.collect.syntax.SyntaxTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;

/**
 * Prints how fast source code is read: native parse alone, parse plus the copy into Java nodes, and
 * the whole extraction, over a generated corpus of Flask and Express services (no assertions: it
 * measures). Run after {@code ./mvnw -q -DskipTests package test-compile}:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp target/rootcause.jar:target/test-classes \
 *     dev.rootcause.collect.code.CodeExtractionBenchmark [files-per-language]
 * </pre>
 */
public final class CodeExtractionBenchmark {
  private CodeExtractionBenchmark() {}

  public static void main(String[] args) {
    int perLanguage = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    List<String> python = new ArrayList<>();
    List<String> javascript = new ArrayList<>();
    for (int i = 0; i < perLanguage; i++) {
      python.add(pythonService(i));
      javascript.add(expressService(i));
    }
    System.out.printf(
        Locale.ROOT,
        "%-11s %6s %8s %10s %10s %10s %9s %9s%n",
        "language",
        "files",
        "MB",
        "parse_s",
        "copy_s",
        "extract_s",
        "files/s",
        "MB/s");
    for (int round = 0; round < 3; round++) { // the first round warms up the JIT
      report("python", python, Grammar.PYTHON, new PythonExtractor(), "app.py", round == 2);
      report(
          "javascript",
          javascript,
          Grammar.JAVASCRIPT,
          new JavaScriptExtractor(),
          "server.js",
          round == 2);
    }
  }

  private static void report(
      String name,
      List<String> files,
      Grammar grammar,
      LanguageExtractor extractor,
      String fileName,
      boolean print) {
    long bytes = files.stream().mapToLong(f -> f.getBytes(StandardCharsets.UTF_8).length).sum();
    long t0 = System.nanoTime();
    try (TSParser parser = new TSParser()) {
      parser.setLanguage(
          grammar == Grammar.PYTHON ? new TreeSitterPython() : new TreeSitterJavascript());
      for (String f : files) {
        try (TSTree tree = parser.parseString(null, f)) {
          tree.getRootNode();
        }
      }
    }
    long t1 = System.nanoTime();
    for (String f : files) {
      SyntaxTree.parse(grammar, f);
    }
    long t2 = System.nanoTime();
    int facts = 0;
    for (String f : files) {
      SourceFile file =
          new SourceFile(Path.of(fileName), fileName, FileKind.of(fileName), f.length());
      facts += extractor.read(file, f).facts().routes().size();
    }
    long t3 = System.nanoTime();
    if (print) {
      double extract = (t3 - t2) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%-11s %6d %8.2f %10.3f %10.3f %10.3f %9.0f %9.2f   (%d routes)%n",
          name,
          files.size(),
          bytes / 1e6,
          (t1 - t0) / 1e9,
          (t2 - t1 - (t1 - t0)) / 1e9,
          extract,
          files.size() / extract,
          bytes / 1e6 / extract,
          facts);
    }
  }

  /** A Flask service of realistic shape; {@code i} varies its size and contents. */
  static String pythonService(int i) {
    StringBuilder sb =
        new StringBuilder(
            """
        import json
        import os
        import time

        import requests
        from flask import Flask, abort, jsonify, request

        app = Flask(__name__)
        PORT = int(os.environ.get("PORT", "8080"))
        CATALOG_URL = os.environ.get("CATALOG_URL", "http://catalog:8080")
        cache = {}


        @app.route("/healthz")
        def healthz():
            return jsonify({"status": "ok"})

        """);
    for (int r = 0; r < 5 + i % 20; r++) {
      sb.append(
          String.format(
              Locale.ROOT,
              """

          @app.route("/items%d/<item_id>", methods=["GET", "POST"])
          def item_%d(item_id):
              \"\"\"Returns item %d with its price, computed from the catalog.\"\"\"
              if not item_id.isdigit():
                  abort(400)
              try:
                  resp = requests.get(f"{CATALOG_URL}/items/{item_id}", timeout=2)
                  resp.raise_for_status()
              except requests.RequestException:
                  return jsonify({"error": "catalog unavailable"}), 503
              data = resp.json()
              total = sum(p["price"] * p.get("qty", 1) for p in data.get("parts", []))
              for attempt in range(3):
                  try:
                      return jsonify({"id": item_id, "total": total, "n": %d})
                  except ValueError:
                      time.sleep(0.1 * 2 ** attempt)
              return jsonify({"id": item_id}), 200

          """,
              r,
              r,
              r,
              r));
    }
    sb.append(
        """

        if __name__ == "__main__":
            app.run(host="0.0.0.0", port=PORT)
        """);
    return sb.toString();
  }

  /** An Express service of realistic shape. */
  static String expressService(int i) {
    StringBuilder sb =
        new StringBuilder(
            """
        const express = require('express');
        const axios = require('axios');

        const app = express();
        app.use(express.json());
        const PORT = process.env.PORT || 3000;
        const ORDER_URL = process.env.ORDER_SERVICE_URL || 'http://order-service:3002';
        const http = axios.create({ timeout: 5000 });

        app.get('/health', (req, res) => res.json({ status: 'ok' }));
        """);
    for (int r = 0; r < 5 + i % 20; r++) {
      sb.append(
          String.format(
              Locale.ROOT,
              """

          // Orders of kind %d: validated, forwarded, answered.
          app.post('/api/orders%d/:id', async (req, res, next) => {
            const { item, quantity = 1 } = req.body || {};
            if (!item || quantity <= 0) {
              return res.status(400).json({ error: 'item and quantity are required' });
            }
            try {
              const order = await http.post(`${ORDER_URL}/orders`, { item, quantity, id: req.params.id });
              const lines = (order.data.lines || []).map((l) => ({ ...l, total: l.price * l.qty }));
              res.status(201).json({ id: order.data.id, lines, kind: %d });
            } catch (err) {
              console.error(`order failed: ${err.message}`);
              res.status(502).json({ error: 'upstream failure' });
            }
          });
          """,
              r,
              r,
              r));
    }
    sb.append("\napp.listen(PORT, () => console.log(`listening on ${PORT}`));\n");
    return sb.toString();
  }
}

package dev.rootcause.collect.code;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.code.go.GoExtractor;
import dev.rootcause.collect.code.java.JavaExtractor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;

/**
 * Prints how fast the Go and Java extractors read a generated corpus of service-like files: raw
 * tree-sitter parsing, and parse plus extraction. Not a test (no timed assertions); run it with
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:<deps>
 * dev.rootcause.collect.code.ExtractorThroughput [files-per-language]}.
 */
public final class ExtractorThroughput {

  /** One measurement: what was read, how much, how long. */
  record Result(String what, int files, long bytes, long nanos) {
    String line() {
      double seconds = nanos / 1e9;
      return String.format(
          Locale.ROOT,
          "%-22s %5d files %8.1f KB %8.0f ms %8.1f files/s %6.2f MB/s",
          what,
          files,
          bytes / 1024.0,
          nanos / 1e6,
          files / seconds,
          bytes / 1e6 / seconds);
    }
  }

  private ExtractorThroughput() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    List<String> go = goCorpus(count, 42);
    List<String> java = javaCorpus(count, 42);
    // the JIT needs a few hundred files before the extractors reach their steady speed
    for (int round = 0; round < 2; round++) {
      run(go, java);
    }
    for (Result r : run(go, java)) {
      System.out.println(r.line());
    }
  }

  static List<Result> run(List<String> go, List<String> java) {
    List<Result> results = new ArrayList<>();
    results.add(parseOnly("go: parse only", go, true));
    results.add(extract("go: parse + extract", go, new GoExtractor(), "svc/handlers%d.go"));
    results.add(parseOnly("java: parse only", java, false));
    results.add(
        extract(
            "java: parse + extract",
            java,
            new JavaExtractor(),
            "src/main/java/app/Controller%d.java"));
    return results;
  }

  private static Result parseOnly(String what, List<String> texts, boolean goLanguage) {
    TSParser parser = new TSParser();
    parser.setLanguage(goLanguage ? new TreeSitterGo() : new TreeSitterJava());
    long bytes = 0;
    long start = System.nanoTime();
    for (String text : texts) {
      try (TSTree tree = parser.parseString(null, text)) {
        bytes += tree.getRootNode().getEndByte();
      }
    }
    return new Result(what, texts.size(), bytes, System.nanoTime() - start);
  }

  private static Result extract(
      String what, List<String> texts, LanguageExtractor extractor, String pathPattern) {
    long bytes = 0;
    int facts = 0;
    long start = System.nanoTime();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      String path = String.format(Locale.ROOT, pathPattern, i);
      SourceFile file = new SourceFile(Path.of(path), path, FileKind.of(path), text.length());
      SourceFacts result = extractor.extract(file, text);
      facts += result.routes().size() + result.hazards().size() + result.envReads().size();
      bytes += text.getBytes(StandardCharsets.UTF_8).length;
    }
    long nanos = System.nanoTime() - start;
    if (facts == 0) {
      throw new IllegalStateException("the corpus produced no facts: the generator is broken");
    }
    return new Result(what, texts.size(), bytes, nanos);
  }

  /** Go files of 2 to 40 handlers each, mixing the shapes the extractor looks for. */
  static List<String> goCorpus(int count, long seed) {
    Random random = new Random(seed);
    List<String> files = new ArrayList<>();
    for (int f = 0; f < count; f++) {
      StringBuilder s = new StringBuilder();
      s.append("// Package main serves part ")
          .append(f)
          .append(" of the API.\n")
          .append("package main\n\nimport (\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"log\"\n")
          .append("\t\"math/rand\"\n\t\"net/http\"\n\t\"os\"\n\t\"sync\"\n\t\"time\"\n)\n\n")
          .append("var (\n\tmu sync.Mutex\n\tcounter int\n\tseen []string\n)\n\n")
          .append("var client = &http.Client{Timeout: 3 * time.Second}\n\n");
      int handlers = 2 + random.nextInt(39);
      StringBuilder routes = new StringBuilder();
      for (int h = 0; h < handlers; h++) {
        String name = "handle" + h;
        routes.append("\thttp.HandleFunc(\"/r").append(h).append("\", ").append(name).append(")\n");
        s.append("// ")
            .append(name)
            .append(" answers /r")
            .append(h)
            .append(".\n")
            .append("func ")
            .append(name)
            .append("(w http.ResponseWriter, r *http.Request) {\n");
        switch (random.nextInt(5)) {
          case 0 ->
              s.append("\tmu.Lock()\n\tcounter++\n\tmu.Unlock()\n")
                  .append("\tfmt.Fprintf(w, \"count=%d\\n\", counter)\n");
          case 1 ->
              s.append("\tif rand.Intn(10) == 0 {\n")
                  .append("\t\thttp.Error(w, \"chaos\", http.StatusInternalServerError)\n")
                  .append("\t\treturn\n\t}\n\tseen = append(seen, r.URL.Path)\n");
          case 2 ->
              s.append("\tresp, err := client.Get(os.Getenv(\"UPSTREAM_URL\") + \"/items\")\n")
                  .append(
                      "\tif err != nil {\n\t\tw.WriteHeader(http.StatusBadGateway)\n\t\treturn\n\t}\n")
                  .append("\tdefer resp.Body.Close()\n\tvar items []string\n")
                  .append("\tif err := json.NewDecoder(resp.Body).Decode(&items); err != nil {\n")
                  .append("\t\thttp.Error(w, err.Error(), 500)\n\t\treturn\n\t}\n")
                  .append("\tjson.NewEncoder(w).Encode(items)\n");
          case 3 ->
              s.append("\ttime.Sleep(time.Duration(rand.Intn(50)) * time.Millisecond)\n")
                  .append("\tfor i := 0; i < 3; i++ {\n\t\tlog.Printf(\"attempt %d\", i)\n\t}\n")
                  .append("\tw.WriteHeader(http.StatusNoContent)\n");
          default ->
              s.append("\tname := r.URL.Query().Get(\"name\")\n")
                  .append("\tif name == \"\" {\n\t\tname = \"world\"\n\t}\n")
                  .append("\tfmt.Fprintf(w, \"hello %s\\n\", name)\n");
        }
        s.append("}\n\n");
      }
      s.append("func main() {\n\tport := os.Getenv(\"PORT\")\n\tif port == \"\" {\n")
          .append("\t\tport = \"8080\"\n\t}\n")
          .append(routes)
          .append("\tlog.Fatal(http.ListenAndServe(\":\"+port, nil))\n}\n");
      files.add(s.toString());
    }
    return files;
  }

  /** Spring controllers of 2 to 30 endpoints each. */
  static List<String> javaCorpus(int count, long seed) {
    Random random = new Random(seed);
    List<String> files = new ArrayList<>();
    for (int f = 0; f < count; f++) {
      StringBuilder s = new StringBuilder();
      s.append("package app;\n\nimport java.util.Random;\n")
          .append("import org.springframework.http.HttpStatus;\n")
          .append("import org.springframework.http.ResponseEntity;\n")
          .append("import org.springframework.web.bind.annotation.*;\n")
          .append("import org.springframework.web.client.RestTemplate;\n\n")
          .append("/** Part ")
          .append(f)
          .append(" of the API. */\n@RestController\n")
          .append("@RequestMapping(\"/api/p")
          .append(f)
          .append("\")\n")
          .append("public class Controller")
          .append(f)
          .append(" {\n")
          .append("  private final Random random = new Random();\n")
          .append("  private final RestTemplate rest = new RestTemplate();\n")
          .append("  private static final String BASE = System.getenv(\"BASE_URL\");\n\n");
      int endpoints = 2 + random.nextInt(29);
      for (int e = 0; e < endpoints; e++) {
        switch (random.nextInt(4)) {
          case 0 ->
              s.append("  @GetMapping(\"/e")
                  .append(e)
                  .append("/{id}\")\n")
                  .append("  public ResponseEntity<String> e")
                  .append(e)
                  .append("(@PathVariable long id) throws InterruptedException {\n")
                  .append("    Thread.sleep(20);\n    if (random.nextInt(10) < 2) {\n")
                  .append(
                      "      return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).build();\n")
                  .append("    }\n    return ResponseEntity.ok(\"item \" + id);\n  }\n\n");
          case 1 ->
              s.append("  @PostMapping(\"/e")
                  .append(e)
                  .append("\")\n")
                  .append("  @ResponseStatus(HttpStatus.CREATED)\n  public String e")
                  .append(e)
                  .append("(@RequestBody String body) {\n")
                  .append("    return rest.postForObject(BASE + \"/store\", body, String.class);\n")
                  .append("  }\n\n");
          case 2 ->
              s.append("  @GetMapping(\"/e")
                  .append(e)
                  .append("\")\n  public String e")
                  .append(e)
                  .append("() {\n    StringBuilder out = new StringBuilder();\n")
                  .append("    for (int i = 0; i < 10; i++) {\n      out.append(i).append(',');\n")
                  .append("    }\n    return out.toString();\n  }\n\n");
          default ->
              s.append("  @DeleteMapping(\"/e")
                  .append(e)
                  .append("/{id}\")\n")
                  .append("  public ResponseEntity<Void> e")
                  .append(e)
                  .append("(@PathVariable long id) {\n    if (id < 0) {\n")
                  .append("      return ResponseEntity.badRequest().build();\n    }\n")
                  .append("    return ResponseEntity.noContent().build();\n  }\n\n");
        }
      }
      s.append("}\n");
      files.add(s.toString());
    }
    return files;
  }
}

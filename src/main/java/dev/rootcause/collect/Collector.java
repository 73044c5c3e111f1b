package dev.rootcause.collect;

import dev.rootcause.collect.render.RenderedSource;
import dev.rootcause.collect.render.Renderers;
import dev.rootcause.collect.render.Rendering;
import dev.rootcause.collect.syntax.SyntaxTree;
import dev.rootcause.collect.yaml.YamlReader;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Coverage;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * Reads a tree into a {@link SystemModel}: walks it, reads each relevant file once (in parallel),
 * parses YAML once for all YAML collectors, hands other files to their collectors, each file into
 * facts of its own (which the {@link FactsCache} can keep between runs); then the link step merges
 * them and lets collectors join facts across files, and freezes the model.
 */
public final class Collector {
  private final List<FileCollector> fileCollectors;
  private final List<YamlCollector> yamlCollectors;
  private final long maxFileBytes;

  public Collector(
      List<FileCollector> fileCollectors, List<YamlCollector> yamlCollectors, long maxFileBytes) {
    this.fileCollectors = List.copyOf(fileCollectors);
    this.yamlCollectors = List.copyOf(yamlCollectors);
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * The model, every problem met (sorted by file), how many files were read and how many of those
   * came from the cache, and where the time went: CPU milliseconds per stage ("walk", "read",
   * "yaml", each collector, "link"), summed over threads, for {@code --verbose}.
   */
  public record Collected(
      SystemModel model,
      List<CollectionProblem> problems,
      int filesRead,
      int filesFromCache,
      Map<String, Long> cpuMillis,
      Coverage coverage,
      List<SystemModel> systems) {

    /** The model alone, as one system (tools and tests that build a result by hand). */
    public Collected(
        SystemModel model,
        List<CollectionProblem> problems,
        int filesRead,
        int filesFromCache,
        Map<String, Long> cpuMillis,
        Coverage coverage) {
      this(model, problems, filesRead, filesFromCache, cpuMillis, coverage, List.of(model));
    }
  }

  /** How the note on an unrendered Helm template starts (coverage counts them apart). */
  static final String HELM_TEMPLATE_NOTE = "Helm template: not rendered";

  /** How the note on a kustomize overlay or patch starts (coverage counts them apart). */
  public static final String KUSTOMIZE_NOTE = "kustomize ";

  /** The name findings give to what was read from standard input. */
  public static final String STDIN = "<stdin>";

  /** The stage that reports tree-sitter's parse time, included in the collectors' own times. */
  public static final String TREE_SITTER_STAGE = "(tree-sitter-parse)";

  private final Map<String, LongAdder> cpuNanos = new ConcurrentHashMap<>();
  private final LongAdder reused = new LongAdder();
  private List<Path> helmValues = List.of();
  private IntConsumer onFilesFound = n -> {};
  private Runnable onFileDone = () -> {};

  /**
   * Tells {@code filesFound} how many files will be read, then {@code fileDone} after each (from
   * the reading threads), so a long scan can show how far it is.
   */
  public Collector onProgress(IntConsumer filesFound, Runnable fileDone) {
    this.onFilesFound = filesFound;
    this.onFileDone = fileDone;
    return this;
  }

  /** Values files layered over every chart's defaults ({@code scan --values}), in order. */
  public Collector withHelmValues(List<Path> valuesFiles) {
    this.helmValues = List.copyOf(valuesFiles);
    return this;
  }

  /** Reads the given files alone, as if they were a tree: the cluster's objects as manifests. */
  public Collected collectFiles(List<SourceFile> files) throws IOException {
    return collect(new RepoWalker.Walk(files, List.of(), 0), null);
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public Collected collect(Path root, List<String> ignoreGlobs) throws IOException {
    return collect(root, ignoreGlobs, null);
  }

  /**
   * Reads the tree: every file into its own facts (from {@code cache} when the file is unchanged;
   * null: no cache), then merges them in walk order and runs each collector's link step.
   */
  public Collected collect(Path root, List<String> ignoreGlobs, FactsCache cache)
      throws IOException {
    return link(read(root, ignoreGlobs, cache), List.of());
  }

  /**
   * Reads manifests given as text on standard input (already in {@code file}, bounded by the size
   * limit), named {@value #STDIN} in every finding; JSON when the text starts as JSON does.
   */
  public Collected collectStandardInput(Path file) throws IOException {
    byte[] start = new byte[64];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(start, 0, start.length);
    }
    String head = new String(start, 0, n, StandardCharsets.ISO_8859_1).strip();
    FileKind kind = head.startsWith("{") || head.startsWith("[") ? FileKind.JSON : FileKind.YAML;
    SourceFile stdin = new SourceFile(file, STDIN, kind, Files.size(file));
    return collect(new RepoWalker.Walk(List.of(stdin), List.of(), 0), null);
  }

  private Collected collect(RepoWalker.Walk walk, FactsCache cache) throws IOException {
    return link(read(walk, cache), List.of());
  }

  /**
   * A tree read into per-file facts, before the link step: linked once, or linked again with more
   * files beside it without reading the tree twice ({@code diagnose --repo} adds the cluster's
   * objects the repository does not declare).
   */
  public static final class Read {
    private final RepoWalker.Walk walk;
    private final List<SourceFile> files;
    private final Facts[] perFile;
    private final List<RenderedSource> sources;
    private final List<Facts> rendered;

    private Read(
        RepoWalker.Walk walk,
        List<SourceFile> files,
        Facts[] perFile,
        List<RenderedSource> sources,
        List<Facts> rendered) {
      this.walk = walk;
      this.files = files;
      this.perFile = perFile;
      this.sources = sources;
      this.rendered = rendered;
    }

    /** The paths of the files read, relative to the root. */
    public List<String> paths() {
      return files.stream().map(SourceFile::path).toList();
    }
  }

  /**
   * Reads the tree into per-file facts (from {@code cache} when a file is unchanged; null: no
   * cache), to be linked by {@link #link}.
   */
  public Read read(Path root, List<String> ignoreGlobs, FactsCache cache) throws IOException {
    long walkStart = cpuNow();
    RepoWalker.Walk walk = RepoWalker.walk(root, ignoreGlobs);
    charge("walk", walkStart);
    return read(walk, cache);
  }

  private Read read(RepoWalker.Walk walk, FactsCache cache) throws IOException {
    List<SourceFile> files =
        walk.files().stream().filter(f -> f.kind() != FileKind.CONFIG).toList();
    Facts[] perFile = new Facts[files.size()];
    long renderStart = cpuNow();
    Rendering rendering = Renderers.render(files, helmValues);
    charge("render", renderStart);
    onFilesFound.accept(files.size());
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try {
      pool.submit(
              () ->
                  java.util.stream.IntStream.range(0, files.size())
                      .parallel()
                      .forEach(
                          i -> {
                            perFile[i] = factsOf(files.get(i), cache, rendering);
                            onFileDone.run();
                          }))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a collector failed", e.getCause());
    } finally {
      pool.shutdown();
    }
    if (cache != null) {
      cache.saveInBackground();
    }
    List<Facts> rendered = new ArrayList<>();
    for (RenderedSource source : rendering.sources()) {
      rendered.add(factsOf(source));
    }
    return new Read(walk, files, perFile, rendering.sources(), rendered);
  }

  /**
   * Links what was read, with {@code extra} files read beside it under their own paths (never
   * cached): merges every file's facts in walk order, runs each collector's link step, freezes the
   * model. The facts read are not changed, so the same read can be linked again.
   */
  public Collected link(Read read, List<SourceFile> extra) {
    List<SourceFile> files = new ArrayList<>(read.files);
    List<Facts> perFile = new ArrayList<>(List.of(read.perFile));
    RepoWalker.Walk walk = read.walk;
    if (!extra.isEmpty()) {
      for (SourceFile file : extra) {
        files.add(file);
        perFile.add(factsOf(file, null, Rendering.NONE));
      }
      List<SourceFile> all = new ArrayList<>(walk.files());
      all.addAll(extra);
      walk = new RepoWalker.Walk(all, walk.problems(), walk.ignoredByConfig());
    }
    long linkStart = cpuNow();
    Facts all = new Facts();
    walk.problems().forEach(all::problem);
    for (Facts f : perFile) {
      all.addAll(f);
    }
    List<SystemSplit.Unit> units = new ArrayList<>();
    for (int i = 0; i < read.sources.size(); i++) {
      all.addAll(read.rendered.get(i));
      units.add(SystemSplit.unit(read.sources.get(i), read.rendered.get(i)));
    }
    for (FileCollector c : fileCollectors) {
      c.link(all);
    }
    List<CollectionProblem> problems = new ArrayList<>(all.problems());
    problems.sort(Comparator.comparing(CollectionProblem::location, SourceLocation.ORDER));
    SystemModel model = all.build();
    Facts[] facts = perFile.toArray(Facts[]::new);
    Coverage coverage = CoverageTally.of(walk, files, facts, model);
    charge("link", linkStart);
    long splitStart = cpuNow();
    java.util.Set<String> manifests = SystemSplit.manifestPaths(model);
    for (int i = 0; i < files.size(); i++) {
      String path = files.get(i).path();
      units.add(new SystemSplit.Unit(path, facts[i], manifests.contains(path)));
    }
    List<SystemModel> systems = SystemSplit.of(units, model, fileCollectors);
    charge("systems", splitStart);
    Map<String, Long> millis = new TreeMap<>();
    cpuNanos.forEach((stage, nanos) -> millis.put(stage, nanos.sum() / 1_000_000));
    return new Collected(
        model, problems, files.size(), reused.intValue(), millis, coverage, systems);
  }

  /**
   * One file's facts: from the cache when it holds this file unchanged, else read and collected.
   */
  private Facts factsOf(SourceFile file, FactsCache cache, Rendering rendering) {
    boolean yaml = file.kind() == FileKind.YAML || file.kind() == FileKind.JSON;
    if (rendering.consumed().contains(file.path())) {
      return new Facts(); // read through its chart or kustomization, never on its own
    }
    List<FileCollector> takers =
        fileCollectors.stream().filter(c -> c.accepts(file.kind())).toList();
    Facts facts = new Facts();
    if (!yaml && takers.isEmpty()) {
      return facts;
    }
    if (cache != null && file.size() <= maxFileBytes) {
      Facts cached = cache.unchanged(file);
      if (cached != null) {
        reused.increment();
        return cached;
      }
    }
    long readStart = cpuNow();
    TextFiles.Read read = TextFiles.read(file, maxFileBytes);
    charge("read", readStart);
    if (read.problem() != null) {
      facts.problem(read.problem());
      return facts;
    }
    String text = read.text();
    String hash = null;
    if (cache != null) {
      hash = FactsCache.sha256(file.kind() + "\0" + text);
      Facts cached = cache.sameContent(file, hash);
      if (cached != null) {
        reused.increment();
        return cached;
      }
    }
    String notRendered =
        isHelmTemplate(file.path(), text) ? rendering.whyNotRendered(file.path()) : null;
    collect(file, text, facts, yaml, takers, notRendered);
    if (cache != null && notRendered == null) {
      cache.put(file, hash, facts);
    }
    return facts;
  }

  private void collect(
      SourceFile file,
      String text,
      Facts facts,
      boolean yaml,
      List<FileCollector> takers,
      String notRendered) {
    if (yaml && isHelmTemplate(file.path(), text)) {
      facts.problem(
          CollectionProblem.note(
              SourceLocation.file(file.path()),
              HELM_TEMPLATE_NOTE
                  + " ("
                  + notRendered
                  + ")"
                  + ", so not read (check its output: helm template CHART | rootcause scan -)"));
      return;
    }
    SuppressionComments.scan(file.path(), text, facts);
    if (yaml && !yamlCollectors.isEmpty() && isWorthParsing(file, text)) {
      long yamlStart = cpuNow();
      YamlReader.Result parsed = YamlReader.read(file.path(), text);
      charge("yaml", yamlStart);
      parsed.problems().forEach(facts::problem);
      for (YamlCollector c : yamlCollectors) {
        long start = cpuNow();
        guard(file, facts, () -> c.collect(file, parsed.documents(), facts));
        charge(c.getClass().getSimpleName(), start);
      }
    }
    for (FileCollector c : takers) {
      long start = cpuNow();
      long parseStart = SyntaxTree.parseNanosOnThisThread();
      guard(file, facts, () -> c.collect(file, text, facts));
      charge(c.getClass().getSimpleName(), start);
      // Part of the collectors' own figures, shown apart: the parser is the bulk of a large scan.
      cpuNanos
          .computeIfAbsent(TREE_SITTER_STAGE, s -> new LongAdder())
          .add(SyntaxTree.parseNanosOnThisThread() - parseStart);
    }
  }

  /** What one chart or kustomization rendered to, read by the YAML collectors like a file. */
  private Facts factsOf(RenderedSource source) {
    Facts facts = new Facts();
    source.problems().forEach(facts::problem);
    source.failures().forEach(facts.model()::renderFailure);
    if (!source.documents().isEmpty()) {
      SourceFile file = new SourceFile(Path.of(source.path()), source.path(), FileKind.YAML, 0);
      for (YamlCollector c : yamlCollectors) {
        long start = cpuNow();
        guard(file, facts, () -> c.collect(file, source.documents(), facts));
        charge(c.getClass().getSimpleName(), start);
      }
    }
    return facts;
  }

  private static long cpuNow() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private void charge(String stage, long startNanos) {
    cpuNanos.computeIfAbsent(stage, s -> new LongAdder()).add(cpuNow() - startNanos);
  }

  /** A file under a chart's {@code templates/} folder that uses template actions. */
  private static boolean isHelmTemplate(String path, String text) {
    return (path.startsWith("templates/") || path.contains("/templates/")) && text.contains("{{");
  }

  /** JSON is read only when it looks like a Kubernetes object (package-lock.json is not). */
  private static boolean isWorthParsing(SourceFile file, String text) {
    return file.kind() != FileKind.JSON
        || text.contains("\"apiVersion\"") && text.contains("\"kind\"");
  }

  /** A collector bug must cost one file, not the scan: it becomes a problem naming the file. */
  private static void guard(SourceFile file, Facts facts, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | StackOverflowError e) {
      facts.problem(
          CollectionProblem.skipped(
              SourceLocation.file(file.path()),
              "could not be understood ("
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + "); please report this"));
    }
  }
}

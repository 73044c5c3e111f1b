package dev.rootcause.pipeline;

import dev.rootcause.collect.Collector;
import dev.rootcause.collect.FactsCache;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.SystemModel;
import dev.rootcause.rules.Rule;
import dev.rootcause.rules.RuleEngine;
import dev.rootcause.rules.RuleSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scan use case: read a tree, build the model, run the rules. The CLI, tests and benchmarks all
 * come through here, so they see the same pipeline.
 */
public final class Scanner {
  private final List<Rule> rules;
  private final List<FileCollector> fileCollectors;

  public Scanner() {
    this(BuiltInRules.all());
  }

  public Scanner(List<Rule> rules) {
    this(rules, Collectors.fileCollectors());
  }

  /** A scanner reading files with these collectors (tests count what they read). */
  Scanner(List<Rule> rules, List<FileCollector> fileCollectors) {
    this.rules = List.copyOf(rules);
    this.fileCollectors = List.copyOf(fileCollectors);
  }

  /**
   * Options of one scan. {@code configFile} null means {@code .rootcause.yaml} at the root, if any;
   * {@code cacheDir} null means no cache of per-file facts.
   */
  public record Options(
      Path configFile, long maxFileBytes, Path cacheDir, Progress progress, List<Path> helmValues) {
    public Options {
      helmValues = List.copyOf(helmValues);
    }

    public Options(Path configFile, long maxFileBytes, Path cacheDir, Progress progress) {
      this(configFile, maxFileBytes, cacheDir, progress, List.of());
    }

    public Options(Path configFile, long maxFileBytes, Path cacheDir) {
      this(configFile, maxFileBytes, cacheDir, Progress.NONE);
    }

    public Options(Path configFile, long maxFileBytes) {
      this(configFile, maxFileBytes, null);
    }
  }

  /** Told how many files a scan will read, then of each one read (from several threads). */
  public interface Progress {
    Progress NONE =
        new Progress() {
          @Override
          public void filesFound(int files) {}

          @Override
          public void fileDone() {}
        };

    void filesFound(int files);

    void fileDone();
  }

  /** The path that means "read manifests from standard input": {@code rootcause scan -}. */
  public static final String STANDARD_INPUT = "-";

  /**
   * Where per-file facts are cached between runs: {@code $ROOTCAUSE_CACHE_DIR}, else {@code
   * $XDG_CACHE_HOME/rootcause}, else {@code ~/.cache/rootcause}. The system property {@code
   * rootcause.cache.dir} overrides all three (tests use it to keep their own).
   */
  public static Path defaultCacheDir() {
    String property = System.getProperty("rootcause.cache.dir");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv("ROOTCAUSE_CACHE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "rootcause");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "rootcause");
  }

  /**
   * The model built for a root, the settings used, and the facts cache (null without one), whose
   * pack may still be being written (exposed for tests and tools).
   */
  public record Model(
      SystemModel model, Collector.Collected collected, RuleSettings settings, FactsCache cache) {}

  /**
   * Collects, links and runs the rules. The result says where the time went: CPU milliseconds per
   * collection stage and collector (summed over threads), then "rules", and the cache's share.
   */
  public ScanResult scan(Path root, Options options) throws InputException, IOException {
    long start = System.nanoTime();
    Model built = collect(root, options);
    Collector.Collected collected = built.collected();
    SystemModel model = built.model();
    ScanResult.Inventory inventory =
        new ScanResult.Inventory(
            collected.filesRead(),
            model.workloads().size(),
            model.services().size(),
            model.dockerfiles().size(),
            model.imageBuilds().size(),
            model.apps().size(),
            model.objects().size() - model.workloads().size() - model.services().size());
    var threads = ManagementFactory.getThreadMXBean();
    long rulesStart = threads.getCurrentThreadCpuTime();
    RuleEngine.Outcome outcome =
        Systems.run(new RuleEngine(rules, built.settings()), model, collected.systems());
    Map<String, Long> cpuMillis = new LinkedHashMap<>(collected.cpuMillis());
    cpuMillis.put("rules", (threads.getCurrentThreadCpuTime() - rulesStart) / 1_000_000);
    ScanResult.CacheUse cacheUse = ScanResult.CacheUse.NONE;
    if (built.cache() != null) {
      // The pack was written while the rules ran; a scan ends only once it is on disk.
      cpuMillis.put("cache-write", built.cache().awaitSaved());
      cacheUse =
          new ScanResult.CacheUse(true, collected.filesFromCache(), built.cache().lastError());
    }
    String shownRoot = isStandardInput(root) ? Collector.STDIN : root.toString();
    return new ScanResult(
        shownRoot,
        outcome.findings(),
        outcome.suppressed(),
        collected.problems(),
        outcome.failures(),
        outcome.rulesRun(),
        inventory,
        Duration.ofNanos(System.nanoTime() - start),
        cpuMillis,
        cacheUse,
        collected.coverage());
  }

  private static boolean isStandardInput(Path root) {
    return root.toString().equals(STANDARD_INPUT);
  }

  /** The model of a root, with its cache (if any) fully written. */
  public Model model(Path root, Options options) throws InputException, IOException {
    Model built = collect(root, options);
    if (built.cache() != null) {
      built.cache().awaitSaved();
    }
    return built;
  }

  /**
   * A root read into per-file facts, not yet linked: {@link #link} builds its model, with more
   * files beside it when the model asks for them.
   */
  public static final class Reading {
    private final Collector collector;
    private final Collector.Read read;
    private final RuleSettings settings;
    private final FactsCache cache;

    private Reading(
        Collector collector, Collector.Read read, RuleSettings settings, FactsCache cache) {
      this.collector = collector;
      this.read = read;
      this.settings = settings;
      this.cache = cache;
    }

    /** The paths of the files read, relative to the root. */
    public List<String> paths() {
      return read.paths();
    }
  }

  /**
   * Reads a root once (checked as {@code scan} checks it, with its {@code .rootcause.yaml}), to be
   * linked by {@link #link}.
   *
   * @throws InputException the root or its config cannot be read
   */
  public Reading read(Path root, Options options) throws InputException, IOException {
    RuleSettings settings = checked(root, options);
    Collector collector = collector(options).withHelmValues(options.helmValues());
    FactsCache cache =
        options.cacheDir() == null ? null : FactsCache.open(options.cacheDir(), root);
    return new Reading(
        collector, collector.read(root, settings.ignorePaths(), cache), settings, cache);
  }

  /**
   * The model of what was read, and of the files {@code extraFor} asks for given that model (the
   * cluster's objects the repository does not declare), read beside it under their own paths: the
   * root's files are read once however many links are made. The cache (if any) is fully written.
   */
  public Model link(Reading reading, Function<SystemModel, List<SourceFile>> extraFor) {
    Collector.Collected alone = reading.collector.link(reading.read, List.of());
    List<SourceFile> extra = extraFor.apply(alone.model());
    Collector.Collected collected =
        extra.isEmpty() ? alone : reading.collector.link(reading.read, extra);
    if (reading.cache != null) {
      reading.cache.awaitSaved();
    }
    return new Model(collected.model(), collected, reading.settings, reading.cache);
  }

  /** The model of the given files alone, with the default settings. */
  public Model model(List<SourceFile> files, Options options) throws IOException {
    Collector.Collected collected = collector(options).collectFiles(files);
    return new Model(collected.model(), collected, RuleSettings.DEFAULTS, null);
  }

  private Model collect(Path root, Options options) throws InputException, IOException {
    if (isStandardInput(root)) {
      return collectStandardInput(options);
    }
    RuleSettings settings = checked(root, options);
    Collector collector = collector(options).withHelmValues(options.helmValues());
    var threads = ManagementFactory.getThreadMXBean();
    long readStart = threads.getCurrentThreadCpuTime();
    FactsCache cache =
        options.cacheDir() == null ? null : FactsCache.open(options.cacheDir(), root);
    long cacheReadMillis = (threads.getCurrentThreadCpuTime() - readStart) / 1_000_000;
    Collector.Collected collected = collector.collect(root, settings.ignorePaths(), cache);
    if (cache != null) {
      collected.cpuMillis().put("cache-read", cacheReadMillis);
    }
    return new Model(collected.model(), collected, settings, cache);
  }

  /** The root's settings, once the root and the values files are known to be readable. */
  private RuleSettings checked(Path root, Options options) throws InputException {
    if (!Files.exists(root)) {
      throw new InputException(root + ": no such file or directory");
    }
    if (!Files.isReadable(root)) {
      throw new InputException(root + ": permission denied");
    }
    RuleSettings settings = settings(root, options.configFile());
    for (Path values : options.helmValues()) {
      if (!Files.isRegularFile(values)) {
        throw new InputException(values + ": values file not found");
      }
    }
    return settings;
  }

  private Collector collector(Options options) {
    return new Collector(fileCollectors, Collectors.yamlCollectors(), options.maxFileBytes())
        .onProgress(options.progress()::filesFound, options.progress()::fileDone);
  }

  /**
   * {@code helm template ... | rootcause scan -}: the text is kept in a temporary file (read
   * bounded by the size limit, deleted after) so it goes through the same reader as any file; the
   * config is {@code --config}, else {@code .rootcause.yaml} in the current folder.
   */
  private Model collectStandardInput(Options options) throws InputException, IOException {
    RuleSettings settings = settings(Path.of(""), options.configFile());
    try (StandardInput in =
        StandardInput.copy(System.in, "stdin", options.maxFileBytes(), "--max-file-size")) {
      Collector.Collected collected = collector(options).collectStandardInput(in.path());
      return new Model(collected.model(), collected, settings, null);
    }
  }

  private RuleSettings settings(Path root, Path explicit) throws InputException {
    List<RuleInfo> catalogue = rules.stream().map(Rule::info).toList();
    SettingsLoader loader = new SettingsLoader(catalogue);
    if (explicit != null) {
      if (!Files.isRegularFile(explicit)) {
        throw new InputException(explicit + ": config file not found");
      }
      return loader.load(explicit, explicit.toString());
    }
    Path implicit = Files.isDirectory(root) ? root.resolve(FileKind.CONFIG_FILE) : null;
    if (implicit != null && Files.isRegularFile(implicit)) {
      return loader.load(implicit, FileKind.CONFIG_FILE);
    }
    return RuleSettings.DEFAULTS;
  }
}

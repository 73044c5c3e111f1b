package dev.rootcause.collect.render;

import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlReader;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.render.RenderFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders each Helm chart of the tree (a folder with a Chart.yaml that is not a vendored subchart)
 * with real Helm: once with its defaults plus the values files given to the scan, which is what the
 * model holds; then once per environment values file beside it ({@code values-prod.yaml}, {@code
 * values.staging.yaml}), only to report the environments whose release would not render.
 */
final class HelmCharts {
  private static final int MAX_VALUES_BYTES = 1 << 20;

  private HelmCharts() {}

  /**
   * One chart: its folder (relative, "" or ending in '/'), its Chart.yaml, and the folders of the
   * charts it depends on through {@code file://} (rendered inside it).
   */
  record Chart(String dir, SourceFile chartYaml, List<String> localDependencies) {
    Chart(String dir, SourceFile chartYaml) {
      this(dir, chartYaml, List.of());
    }
  }

  /**
   * Charts of the tree that are released on their own: not a subchart vendored under another's
   * charts/, nor a {@code file://} dependency of another (it is rendered inside its parent).
   */
  static List<Chart> find(List<SourceFile> files) {
    List<Chart> charts = new ArrayList<>();
    for (SourceFile f : files) {
      String name = f.path().substring(f.path().lastIndexOf('/') + 1);
      if (name.equals("Chart.yaml") || name.equals("Chart.yml")) {
        charts.add(new Chart(f.path().substring(0, f.path().length() - name.length()), f));
      }
    }
    java.util.Set<Path> dependencies = new java.util.HashSet<>();
    List<Chart> withDependencies = new ArrayList<>();
    for (Chart c : charts) {
      Mapping meta = readMapping(c.chartYaml().path(), c.chartYaml().absolute());
      List<String> local = new ArrayList<>();
      for (Mapping dep : meta == null ? List.<Mapping>of() : meta.maps("dependencies")) {
        String repository = dep.string("repository");
        if (repository != null && repository.startsWith("file://")) {
          Path dir =
              chartDirOf(c)
                  .resolve(repository.substring("file://".length()))
                  .toAbsolutePath()
                  .normalize();
          dependencies.add(dir);
          charts.stream()
              .filter(o -> chartDirOf(o).toAbsolutePath().normalize().equals(dir))
              .forEach(o -> local.add(o.dir()));
        }
      }
      withDependencies.add(new Chart(c.dir(), c.chartYaml(), List.copyOf(local)));
    }
    return withDependencies.stream()
        .filter(c -> charts.stream().noneMatch(o -> isSubchart(c, o)))
        .filter(c -> !dependencies.contains(chartDirOf(c).toAbsolutePath().normalize()))
        .toList();
  }

  private static boolean isSubchart(Chart c, Chart parent) {
    return !c.dir().equals(parent.dir()) && c.dir().startsWith(parent.dir() + "charts/");
  }

  /** Whether the file is one Helm renders for this chart (a template, a subchart's file). */
  static boolean consumedBy(Chart chart, String path) {
    return path.startsWith(chart.dir() + "templates/")
        || path.startsWith(chart.dir() + "charts/")
        || chart.localDependencies().stream().anyMatch(d -> path.startsWith(d + "templates/"));
  }

  /**
   * Renders one chart. {@code given}: the values files given to the scan that apply to it (a file
   * inside the chart's folder applies to that chart only, one outside to every chart).
   */
  static RenderedSource render(Chart chart, List<SourceFile> files, List<Path> given) {
    Path chartDir = chart.chartYaml().absolute().getParent();
    List<CollectionProblem> problems = new ArrayList<>();
    List<RenderFailure> failures = new ArrayList<>();
    Mapping meta = readMapping(chart.chartYaml().path(), chart.chartYaml().absolute());
    String name = meta == null || meta.string("name") == null ? "release" : meta.string("name");
    Path renderable = chartDir;
    Path copy = null;
    try {
      List<String> remote = new ArrayList<>();
      Map<String, Path> local = new HashMap<>();
      copy = Dependencies.prepare(chartDir, meta, remote, local);
      if (copy != null) {
        renderable = copy;
      }
      for (String dependency : remote) {
        problems.add(
            CollectionProblem.note(
                meta == null
                    ? SourceLocation.file(chart.chartYaml().path())
                    : meta.locationOf("dependencies"),
                "Helm dependency "
                    + dependency
                    + " is not vendored under charts/ and is not fetched: its objects are not in"
                    + " what is read (helm dependency build, then scan again)"));
      }
      List<Mapping> valuesTrees = new ArrayList<>();
      Mapping defaults = readMapping(chart.dir() + "values.yaml", chartDir.resolve("values.yaml"));
      if (defaults != null) {
        valuesTrees.add(defaults);
      }
      for (Path g : given) {
        Mapping tree = readMapping(g.toString(), g);
        if (tree != null) {
          valuesTrees.add(relative(tree, files, g));
        }
      }
      HelmEngine.Result main = HelmEngine.template(renderable, name, given);
      List<YamlDocument> documents = List.of();
      if (main.error() != null) {
        failures.add(failure(chart, name, null, main.error(), files));
      } else {
        Map<String, SourceFile> templates = templatePaths(chart, local, files);
        documents =
            documents(
                chart, name, main.output(), new ValuesIndex(valuesTrees), templates, problems);
      }
      for (SourceFile env : environmentValues(chart, files)) {
        if (given.stream()
            .anyMatch(
                g ->
                    g.toAbsolutePath()
                        .normalize()
                        .equals(env.absolute().toAbsolutePath().normalize()))) {
          continue;
        }
        List<Path> layered = new ArrayList<>(given);
        layered.add(env.absolute());
        HelmEngine.Result result = HelmEngine.template(renderable, name, layered);
        if (result.error() != null) {
          failures.add(failure(chart, name, env.path(), result.error(), files));
        }
      }
      return new RenderedSource(chart.chartYaml().path(), documents, problems, failures);
    } catch (IOException e) {
      problems.add(
          CollectionProblem.skipped(
              SourceLocation.file(chart.chartYaml().path()),
              "Helm chart could not be prepared for rendering: " + e.getMessage()));
      return new RenderedSource(chart.chartYaml().path(), List.of(), problems, failures);
    } finally {
      Dependencies.delete(copy);
    }
  }

  /** values-prod.yaml, values.staging.yaml, prod-values.yaml beside Chart.yaml. */
  static List<SourceFile> environmentValues(Chart chart, List<SourceFile> files) {
    return files.stream()
        .filter(f -> f.path().startsWith(chart.dir()))
        .filter(f -> f.path().indexOf('/', chart.dir().length()) < 0)
        .filter(
            f -> {
              String n = f.path().substring(chart.dir().length()).toLowerCase(Locale.ROOT);
              boolean yaml = n.endsWith(".yaml") || n.endsWith(".yml");
              return yaml
                  && !n.equals("values.yaml")
                  && !n.equals("values.yml")
                  && (n.startsWith("values-")
                      || n.startsWith("values.")
                      || n.endsWith("-values.yaml")
                      || n.endsWith(".values.yaml"));
            })
        .toList();
  }

  private static final Pattern BLAMED =
      Pattern.compile("([\\w.-]+)/((?:charts/[\\w.-]+/)*templates/[^:\\s)]+):(\\d+)");

  private static RenderFailure failure(
      Chart chart, String name, String valuesFile, String message, List<SourceFile> files) {
    SourceLocation where =
        valuesFile != null
            ? SourceLocation.file(valuesFile)
            : SourceLocation.file(chart.chartYaml().path());
    Matcher m = BLAMED.matcher(message);
    if (m.find() && m.group(1).equals(name)) {
      String template = chart.dir() + m.group(2);
      if (files.stream().anyMatch(f -> f.path().equals(template))) {
        where = SourceLocation.of(template, Integer.parseInt(m.group(3)));
      }
    } else {
      Matcher file =
          Pattern.compile(Pattern.quote(name) + "/((?:charts/[\\w.-]+/)*templates/[^:\\s)]+)")
              .matcher(message);
      if (file.find()) {
        where = SourceLocation.file(chart.dir() + file.group(1));
      }
    }
    return new RenderFailure("helm", chart.chartYaml().path(), valuesFile, message, where);
  }

  /**
   * Where each file Helm names in {@code # Source:} lies in the tree, by its path inside the chart;
   * a {@code file://} dependency's files lie where the dependency does, not under charts/.
   */
  private static Map<String, SourceFile> templatePaths(
      Chart chart, Map<String, Path> local, List<SourceFile> files) {
    Map<String, SourceFile> out = new HashMap<>();
    Path chartDir = chartDirOf(chart).toAbsolutePath().normalize();
    for (SourceFile f : files) {
      Path abs = f.absolute().toAbsolutePath().normalize();
      if (abs.startsWith(chartDir)) {
        out.put(chartDir.relativize(abs).toString().replace('\\', '/'), f);
      }
      local.forEach(
          (name, dir) -> {
            Path d = dir.toAbsolutePath().normalize();
            if (abs.startsWith(d)) {
              out.put("charts/" + name + "/" + d.relativize(abs).toString().replace('\\', '/'), f);
            }
          });
    }
    return out;
  }

  /**
   * The named templates of a chart's helper files ({@code templates/*.tpl}), read from its folder:
   * the scan's file list holds no .tpl files.
   */
  private static Map<String, HelmSourceMap.Define> helpers(Chart chart) {
    Map<String, HelmSourceMap.Define> out = new HashMap<>();
    Path dir = chartDirOf(chart).resolve("templates");
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (java.util.stream.Stream<Path> listing = Files.list(dir)) {
      for (Path tpl : listing.filter(p -> p.toString().endsWith(".tpl")).sorted().toList()) {
        String path = chart.dir() + "templates/" + tpl.getFileName();
        HelmSourceMap.defines(path, readText(tpl)).forEach(out::putIfAbsent);
      }
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return out; // without the helpers, their lines fall on the include, as before
    }
    return out;
  }

  private static List<YamlDocument> documents(
      Chart chart,
      String name,
      String output,
      ValuesIndex values,
      Map<String, SourceFile> templates,
      List<CollectionProblem> problems) {
    Map<String, HelmSourceMap> maps = new HashMap<>();
    Map<String, HelmSourceMap.Define> defines = new HashMap<>();
    helpers(chart).forEach(defines::putIfAbsent);
    List<YamlDocument> out = new ArrayList<>();
    String source = null;
    List<String> lines = new ArrayList<>();
    for (String line : (output + "\n---").split("\n", -1)) {
      if (line.equals("---") || line.startsWith("--- ")) {
        if (source != null && lines.stream().anyMatch(l -> !l.isBlank() && !l.startsWith("#"))) {
          document(chart, name, source, lines, values, templates, maps, defines, problems)
              .ifPresent(out::add);
        }
        source = null;
        lines = new ArrayList<>();
      } else if (line.startsWith("# Source: ") && source == null) {
        source = line.substring("# Source: ".length()).strip();
        lines.add("");
      } else {
        lines.add(line);
      }
    }
    return out;
  }

  private static java.util.Optional<YamlDocument> document(
      Chart chart,
      String name,
      String source,
      List<String> lines,
      ValuesIndex values,
      Map<String, SourceFile> templates,
      Map<String, HelmSourceMap> maps,
      Map<String, HelmSourceMap.Define> defines,
      List<CollectionProblem> problems) {
    String relative = source.startsWith(name + "/") ? source.substring(name.length() + 1) : source;
    SourceFile template = templates.get(relative);
    // A packaged (.tgz) subchart's objects count (a Service others call) but have no file to
    // point into: they are placed at their path inside the package, at its first line.
    String templatePath = template != null ? template.path() : chart.dir() + relative;
    HelmSourceMap map =
        maps.computeIfAbsent(
            templatePath,
            p ->
                new HelmSourceMap(
                    p, template == null ? "" : readText(template.absolute()), values, defines));
    SourceLocation[] where = map.map(lines);
    YamlReader.Result parsed = YamlReader.read(templatePath, String.join("\n", lines));
    parsed.problems().forEach(p -> problems.add(relocated(p, where, templatePath)));
    if (parsed.documents().isEmpty()) {
      return java.util.Optional.empty();
    }
    YamlDocument doc = parsed.documents().get(0);
    YamlNode root = YamlTrees.relocate(doc.root(), l -> at(where, l, templatePath));
    int start = Integer.MAX_VALUE;
    int end = 0;
    for (SourceLocation l : where) {
      if (l.path().equals(templatePath) && l.line() > 0) {
        start = Math.min(start, l.line());
        end = Math.max(end, l.line());
      }
    }
    start = start == Integer.MAX_VALUE ? 1 : start;
    return java.util.Optional.of(
        new YamlDocument(templatePath, doc.index(), root, start, Math.max(start, end)));
  }

  private static CollectionProblem relocated(
      CollectionProblem p, SourceLocation[] where, String path) {
    return new CollectionProblem(
        p.kind(), at(where, p.location(), path), "rendered " + p.message());
  }

  private static SourceLocation at(SourceLocation[] where, SourceLocation rendered, String path) {
    int line = rendered.line();
    return line >= 1 && line <= where.length ? where[line - 1] : SourceLocation.file(path);
  }

  private static Path chartDirOf(Chart chart) {
    return chart.chartYaml().absolute().getParent();
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** A values or Chart.yaml file as a tree with positions; null when absent or not a mapping. */
  static Mapping readMapping(String path, Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_VALUES_BYTES) {
        return null;
      }
      YamlReader.Result r = YamlReader.read(path, Files.readString(file, StandardCharsets.UTF_8));
      return r.documents().isEmpty() || !(r.documents().get(0).root() instanceof Mapping m)
          ? null
          : m;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A given values file's tree, its positions named relative to the root when it lies inside. */
  private static Mapping relative(Mapping tree, List<SourceFile> files, Path given) {
    Path abs = given.toAbsolutePath().normalize();
    for (SourceFile f : files) {
      if (f.absolute().toAbsolutePath().normalize().equals(abs)) {
        String path = f.path();
        return (Mapping)
            YamlTrees.relocate(tree, l -> new SourceLocation(path, l.line(), l.column()));
      }
    }
    return tree;
  }
}

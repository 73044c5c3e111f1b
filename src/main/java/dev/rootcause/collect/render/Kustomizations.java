package dev.rootcause.collect.render;

import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.collect.yaml.YamlNode.Sequence;
import dev.rootcause.collect.yaml.YamlReader;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.render.RenderFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds kustomizations as {@code kustomize build} does, for the fields teams use: resources
 * (files, folders, nested kustomizations), generators of ConfigMaps and Secrets, strategic-merge
 * and JSON 6902 patches, namespace, name prefix and suffix, labels, images and replicas. Each top
 * kustomization (one no other includes) is built once; the objects it yields are made of the nodes
 * its files wrote, so every value keeps the line of the base, patch or override that set it. Remote
 * resources are noted, never fetched.
 */
final class Kustomizations {
  private static final long MAX_BYTES = 8L * 1024 * 1024;

  private final Map<String, SourceFile> files;
  private final Set<String> consumed = new HashSet<>();
  private final List<CollectionProblem> problems = new ArrayList<>();
  private final List<RenderFailure> failures = new ArrayList<>();
  private final Map<String, Mapping> parsed = new HashMap<>();
  private String root;

  Kustomizations(List<SourceFile> all) {
    Map<String, SourceFile> byPath = new HashMap<>();
    all.forEach(f -> byPath.put(f.path(), f));
    this.files = byPath;
  }

  static boolean isKustomization(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.equals("kustomization.yaml")
        || name.equals("kustomization.yml")
        || name.equals("Kustomization");
  }

  /** Kustomization files no other kustomization of the tree includes, in path order. */
  List<String> roots() {
    List<String> all =
        files.keySet().stream().filter(Kustomizations::isKustomization).sorted().toList();
    Set<String> included = new HashSet<>();
    for (String k : all) {
      Mapping m = kustomization(k);
      if (m == null) {
        continue;
      }
      for (String field : List.of("resources", "bases", "components")) {
        for (String r : m.strings(field)) {
          String dir = resolve(dirOf(k), r);
          if (dir != null) {
            kustomizationIn(dir).ifPresent(included::add);
          }
        }
      }
    }
    return all.stream().filter(k -> !included.contains(k)).toList();
  }

  /** Every file any build read (kustomizations, resources, patches, generator inputs). */
  Set<String> consumed() {
    return consumed;
  }

  /** Builds one top kustomization. */
  RenderedSource build(String kustomizationPath) {
    root = kustomizationPath;
    problems.clear();
    failures.clear();
    List<Mapping> objects = build(kustomizationPath, new ArrayDeque<>());
    List<YamlDocument> documents = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      Mapping o = objects.get(i);
      documents.add(new YamlDocument(o.location().path(), i, o, o.location().line(), endLine(o)));
    }
    return new RenderedSource(kustomizationPath, documents, problems, failures);
  }

  private List<Mapping> build(String path, Deque<String> stack) {
    consumed.add(path);
    Mapping k = kustomization(path);
    if (k == null) {
      return List.of();
    }
    if (stack.contains(path)) {
      fail(k.location(), "cycle: " + path + " includes itself");
      return List.of();
    }
    stack.push(path);
    String dir = dirOf(path);
    List<Mapping> objects = new ArrayList<>();
    for (Scalar entry : scalars(k, "resources", "bases")) {
      objects.addAll(resource(dir, entry, stack));
    }
    objects.addAll(KustomizeGenerators.generate(this, k, dir));
    for (Scalar entry : scalars(k, "components")) {
      problems.add(
          CollectionProblem.note(
              entry.location(),
              "kustomize component '" + entry.value() + "' is not applied to what is read"));
    }
    objects = patch(k, dir, objects);
    objects = transform(k, objects);
    stack.pop();
    return objects;
  }

  private List<Mapping> resource(String dir, Scalar entry, Deque<String> stack) {
    String r = entry.value();
    if (r == null) {
      return List.of();
    }
    if (isRemote(r)) {
      problems.add(
          CollectionProblem.note(
              entry.location(),
              "kustomize remote resource '"
                  + r
                  + "' is not fetched: its objects are not in what is read"));
      return List.of();
    }
    String target = resolve(dir, r);
    if (target == null) {
      problems.add(
          CollectionProblem.note(
              entry.location(),
              "kustomize resource '" + r + "' lies outside the scanned tree; not read"));
      return List.of();
    }
    if (files.containsKey(target)) {
      return objectsOf(target);
    }
    var nested = kustomizationIn(target);
    if (nested.isPresent()) {
      return build(nested.get(), stack);
    }
    boolean folder = files.keySet().stream().anyMatch(p -> p.startsWith(target + "/"));
    fail(
        entry.location(),
        folder
            ? "accumulating resources: '" + r + "' is a folder without a kustomization.yaml"
            : "accumulating resources: '" + r + "': no such file or directory");
    return List.of();
  }

  private List<Mapping> patch(Mapping k, String dir, List<Mapping> objects) {
    List<Mapping> out = new ArrayList<>(objects);
    for (Scalar p : scalars(k, "patchesStrategicMerge")) {
      for (YamlNode doc : patchBodies(dir, p)) {
        out = strategic(out, doc, null, p.location());
      }
    }
    List<Mapping> entries = new ArrayList<>(k.maps("patches"));
    entries.addAll(k.maps("patchesJson6902"));
    for (Mapping entry : entries) {
      Mapping target = entry.map("target").orElse(null);
      List<YamlNode> bodies = new ArrayList<>();
      if (entry.scalar("path").isPresent()) {
        bodies.addAll(patchBodies(dir, entry.scalar("path").orElseThrow()));
      } else if (entry.scalar("patch").isPresent()) {
        bodies.addAll(patchBodies(dir, entry.scalar("patch").orElseThrow()));
      }
      for (YamlNode body : bodies) {
        out =
            body instanceof Sequence ops
                ? json(out, ops, target, entry.location())
                : strategic(out, body, target, entry.location());
      }
    }
    return out;
  }

  private List<Mapping> strategic(
      List<Mapping> objects, YamlNode body, Mapping target, SourceLocation at) {
    if (!(body instanceof Mapping patch)) {
      return objects;
    }
    Mapping selector = target != null ? target : identity(patch);
    List<Mapping> out = new ArrayList<>();
    boolean hit = false;
    for (Mapping o : objects) {
      if (selects(selector, o)) {
        hit = true;
        YamlNode merged =
            StrategicMerge.merge(o, target != null ? withoutIdentity(patch, o) : patch);
        out.add((Mapping) merged);
      } else {
        out.add(o);
      }
    }
    if (!hit) {
      fail(at, "no matches for patch target " + describe(selector) + " among the resources");
    }
    return out;
  }

  private List<Mapping> json(
      List<Mapping> objects, Sequence ops, Mapping target, SourceLocation at) {
    if (target == null) {
      fail(at, "a JSON 6902 patch needs a target");
      return objects;
    }
    List<Mapping> out = new ArrayList<>();
    boolean hit = false;
    for (Mapping o : objects) {
      if (selects(target, o)) {
        hit = true;
        try {
          out.add((Mapping) JsonPatch.apply(o, ops));
        } catch (JsonPatch.Failed | ClassCastException e) {
          fail(at, "JSON patch on " + describe(target) + ": " + e.getMessage());
          out.add(o);
        }
      } else {
        out.add(o);
      }
    }
    if (!hit) {
      fail(at, "no matches for patch target " + describe(target) + " among the resources");
    }
    return out;
  }

  private List<Mapping> transform(Mapping k, List<Mapping> objects) {
    List<Mapping> out = new ArrayList<>(objects);
    // replicas: names a workload by the name its resources give it, before any prefix
    List<Mapping> replicas = k.maps("replicas");
    if (!replicas.isEmpty()) {
      out = out.stream().map(o -> KustomizeTransforms.replicas(o, replicas)).toList();
    }
    String prefix = k.string("namePrefix");
    String suffix = k.string("nameSuffix");
    if (prefix != null || suffix != null) {
      SourceLocation at = k.locationOf(prefix != null ? "namePrefix" : "nameSuffix");
      Map<String, String> renamed = new HashMap<>();
      List<Mapping> named = new ArrayList<>();
      for (Mapping o : out) {
        Mapping r =
            KustomizeTransforms.prefixSuffix(
                o, prefix == null ? "" : prefix, suffix == null ? "" : suffix, at);
        String before = nameOf(o);
        String after = nameOf(r);
        if (before != null && !before.equals(after)) {
          renamed.put(o.string("kind") + "/" + before, after);
        }
        named.add(r);
      }
      out = named.stream().map(o -> (Mapping) KustomizeTransforms.rename(o, renamed, at)).toList();
    }
    if (k.string("namespace") != null) {
      String ns = k.string("namespace");
      SourceLocation at = k.locationOf("namespace");
      out = out.stream().map(o -> KustomizeTransforms.namespace(o, ns, at)).toList();
    }
    Map<String, Mapping.Entry> common =
        k.map("commonLabels").map(m -> labelEntries(m)).orElse(Map.of());
    if (!common.isEmpty()) {
      out = out.stream().map(o -> KustomizeTransforms.labels(o, common, true, true)).toList();
    }
    for (Mapping set : k.maps("labels")) {
      Map<String, Mapping.Entry> pairs =
          set.map("pairs").map(m -> labelEntries(m)).orElse(Map.of());
      boolean selectors = "true".equals(set.string("includeSelectors"));
      boolean templates = "true".equals(set.string("includeTemplates"));
      if (!pairs.isEmpty()) {
        out =
            out.stream()
                .map(o -> KustomizeTransforms.labels(o, pairs, selectors, templates))
                .toList();
      }
    }
    Map<String, Mapping.Entry> annotations =
        k.map("commonAnnotations").map(m -> labelEntries(m)).orElse(Map.of());
    if (!annotations.isEmpty()) {
      out = out.stream().map(o -> KustomizeTransforms.annotations(o, annotations)).toList();
    }
    List<Mapping> images = k.maps("images");
    if (!images.isEmpty()) {
      out = out.stream().map(o -> (Mapping) KustomizeTransforms.images(o, images)).toList();
    }
    return out;
  }

  private static Map<String, Mapping.Entry> labelEntries(Mapping m) {
    Map<String, Mapping.Entry> out = new LinkedHashMap<>();
    m.entries()
        .forEach(
            (key, e) -> {
              if (e.value() instanceof Scalar) {
                out.put(key, e);
              }
            });
    return out;
  }

  /** The bodies a patch entry names: a file's documents, or an inline string's. */
  private List<YamlNode> patchBodies(String dir, Scalar ref) {
    String value = ref.value();
    if (value == null) {
      return List.of();
    }
    if (value.contains("\n") || value.startsWith("[") || value.startsWith("{")) {
      // An inline patch: its lines are counted from the line after the field.
      int offset = ref.literalBlock() ? ref.location().line() : ref.location().line() - 1;
      String path = ref.location().path();
      return YamlReader.read(path, value).documents().stream()
          .map(
              d ->
                  YamlTrees.relocate(d.root(), l -> new SourceLocation(path, l.line() + offset, 0)))
          .toList();
    }
    String target = resolve(dir, value);
    if (target == null || !files.containsKey(target)) {
      fail(ref.location(), "patch file '" + value + "': no such file");
      return List.of();
    }
    consumed.add(target);
    return read(target).stream().map(YamlDocument::root).toList();
  }

  private List<Mapping> objectsOf(String path) {
    consumed.add(path);
    List<Mapping> out = new ArrayList<>();
    for (YamlDocument d : read(path)) {
      if (d.root() instanceof Mapping m && m.string("kind") != null) {
        if (m.string("kind").endsWith("List") && m.seq("items").isPresent()) {
          m.maps("items").forEach(out::add);
        } else {
          out.add(m);
        }
      }
    }
    return out;
  }

  List<YamlDocument> read(String path) {
    SourceFile f = files.get(path);
    if (f == null) {
      return List.of();
    }
    try {
      if (Files.size(f.absolute()) > MAX_BYTES) {
        problems.add(
            CollectionProblem.skipped(
                SourceLocation.file(path), "file is above the size limit; not read"));
        return List.of();
      }
      YamlReader.Result r =
          YamlReader.read(path, Files.readString(f.absolute(), StandardCharsets.UTF_8));
      problems.addAll(r.problems());
      return r.documents();
    } catch (IOException | RuntimeException e) {
      problems.add(
          CollectionProblem.skipped(SourceLocation.file(path), "cannot read: " + e.getMessage()));
      return List.of();
    }
  }

  /** Text of a file the kustomization names (a generator's input), or null. */
  String text(String dir, String relative, SourceLocation at) {
    String target = resolve(dir, relative);
    SourceFile f = target == null ? null : files.get(target);
    if (f == null) {
      fail(at, "'" + relative + "': no such file");
      return null;
    }
    consumed.add(target);
    try {
      return Files.readString(f.absolute(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      fail(at, "'" + relative + "': " + e.getMessage());
      return null;
    }
  }

  private Mapping kustomization(String path) {
    return parsed.computeIfAbsent(
        path,
        p -> {
          List<YamlDocument> docs = read(p);
          return docs.isEmpty() || !(docs.get(0).root() instanceof Mapping m) ? null : m;
        });
  }

  private java.util.Optional<String> kustomizationIn(String dir) {
    for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
      String candidate = dir.isEmpty() ? name : dir + "/" + name;
      if (files.containsKey(candidate)) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  void fail(SourceLocation at, String message) {
    failures.add(new RenderFailure("kustomize", root, null, message, at));
  }

  private static List<Scalar> scalars(Mapping k, String... fields) {
    List<Scalar> out = new ArrayList<>();
    for (String field : fields) {
      k.seq(field)
          .ifPresent(
              s ->
                  s.items().stream()
                      .filter(Scalar.class::isInstance)
                      .map(Scalar.class::cast)
                      .forEach(out::add));
    }
    return out;
  }

  private static boolean isRemote(String r) {
    return r.contains("://")
        || r.startsWith("github.com/")
        || r.startsWith("git@")
        || r.contains("?ref=");
  }

  static String dirOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** {@code dir/relative} normalized, or null when it leaves the tree. */
  static String resolve(String dir, String relative) {
    Deque<String> parts = new ArrayDeque<>();
    for (String p : (dir.isEmpty() ? relative : dir + "/" + relative).split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(p);
      }
    }
    return String.join("/", parts);
  }

  private static Mapping identity(Mapping patch) {
    LinkedHashMap<String, Mapping.Entry> e = new LinkedHashMap<>();
    Mapping meta = patch.map("metadata").orElse(null);
    if (patch.scalar("kind").isPresent()) {
      e.put("kind", patch.entries().get("kind"));
    }
    if (meta != null && meta.has("name")) {
      e.put("name", meta.entries().get("name"));
    }
    if (meta != null && meta.has("namespace")) {
      e.put("namespace", meta.entries().get("namespace"));
    }
    return new Mapping(e, patch.location());
  }

  /** A targeted patch may omit or rename its own identity: it never renames its target. */
  private static Mapping withoutIdentity(Mapping patch, Mapping target) {
    Mapping out = YamlTrees.without(YamlTrees.without(patch, "kind"), "apiVersion");
    Mapping meta = out.map("metadata").orElse(null);
    if (meta != null) {
      out =
          YamlTrees.with(
              out, "metadata", out.locationOf("metadata"), YamlTrees.without(meta, "name"));
    }
    return out;
  }

  private static boolean selects(Mapping selector, Mapping object) {
    String kind = selector.string("kind");
    String name = selector.string("name");
    String namespace = selector.string("namespace");
    Mapping meta = object.map("metadata").orElse(null);
    String ns = meta == null ? null : meta.string("namespace");
    if (kind != null && !kind.equals(object.string("kind"))) {
      return false;
    }
    if (name != null && (meta == null || !name.equals(meta.string("name")))) {
      return false;
    }
    if (namespace != null && ns != null && !namespace.equals(ns)) {
      return false;
    }
    String labelSelector = selector.string("labelSelector");
    if (labelSelector != null) {
      Map<String, String> labels = meta == null ? Map.of() : meta.stringMap("labels");
      for (String pair : labelSelector.split(",")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2 && !kv[1].strip().equals(labels.get(kv[0].strip()))) {
          return false;
        }
      }
    }
    return true;
  }

  private static String describe(Mapping selector) {
    String kind = selector.string("kind");
    String name = selector.string("name");
    return (kind == null ? "any kind" : kind) + (name == null ? "" : " '" + name + "'");
  }

  private static String nameOf(Mapping o) {
    return o.path("metadata").map(m -> m.string("name")).orElse(null);
  }

  private static int endLine(Mapping o) {
    int[] max = {o.location().line()};
    String path = o.location().path();
    maxLine(o, path, max);
    return max[0];
  }

  private static void maxLine(YamlNode n, String path, int[] max) {
    if (n.location().path().equals(path)) {
      max[0] = Math.max(max[0], n.location().line());
    }
    if (n instanceof Mapping m) {
      m.entries().values().forEach(e -> maxLine(e.value(), path, max));
    } else if (n instanceof Sequence s) {
      s.items().forEach(i -> maxLine(i, path, max));
    }
  }
}

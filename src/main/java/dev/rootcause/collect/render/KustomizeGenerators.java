package dev.rootcause.collect.render;

import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code configMapGenerator} and {@code secretGenerator}: the ConfigMaps and Secrets a
 * kustomization makes from literals, env files and files, with the keys they hold (what env and
 * volume references need). The name keeps no content hash: kustomize rewrites every reference to
 * the hashed name, so the plain name links the same objects.
 */
final class KustomizeGenerators {
  private KustomizeGenerators() {}

  static List<Mapping> generate(Kustomizations build, Mapping k, String dir) {
    List<Mapping> out = new ArrayList<>();
    for (Mapping g : k.maps("configMapGenerator")) {
      object(build, g, dir, "ConfigMap").ifPresent(out::add);
    }
    for (Mapping g : k.maps("secretGenerator")) {
      object(build, g, dir, "Secret").ifPresent(out::add);
    }
    return out;
  }

  private static java.util.Optional<Mapping> object(
      Kustomizations build, Mapping g, String dir, String kind) {
    String name = g.string("name");
    if (name == null) {
      return java.util.Optional.empty();
    }
    SourceLocation at = g.locationOf("name");
    LinkedHashMap<String, Mapping.Entry> data = new LinkedHashMap<>();
    for (Scalar literal : scalars(g, "literals")) {
      String text = literal.value();
      int eq = text == null ? -1 : text.indexOf('=');
      if (eq > 0) {
        put(data, text.substring(0, eq), text.substring(eq + 1), literal.location());
      }
    }
    for (Scalar env : scalars(g, "envs")) {
      String text = build.text(dir, env.value(), env.location());
      if (text == null) {
        continue;
      }
      String[] lines = text.split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          String path = Kustomizations.resolve(dir, env.value());
          put(data, line.substring(0, eq), line.substring(eq + 1), SourceLocation.of(path, i + 1));
        }
      }
    }
    for (Scalar file : scalars(g, "files")) {
      String spec = file.value();
      int eq = spec == null ? -1 : spec.indexOf('=');
      String key = eq > 0 ? spec.substring(0, eq) : spec.substring(spec.lastIndexOf('/') + 1);
      String text = build.text(dir, eq > 0 ? spec.substring(eq + 1) : spec, file.location());
      if (text != null) {
        put(data, key, text, file.location());
      }
    }
    LinkedHashMap<String, Mapping.Entry> meta = new LinkedHashMap<>();
    meta.put("name", new Mapping.Entry("name", at, YamlTrees.text(name, at)));
    if (g.string("namespace") != null) {
      meta.put(
          "namespace",
          new Mapping.Entry(
              "namespace",
              g.locationOf("namespace"),
              YamlTrees.text(g.string("namespace"), g.locationOf("namespace"))));
    }
    LinkedHashMap<String, Mapping.Entry> object = new LinkedHashMap<>();
    object.put("apiVersion", new Mapping.Entry("apiVersion", at, YamlTrees.text("v1", at)));
    object.put("kind", new Mapping.Entry("kind", at, YamlTrees.text(kind, at)));
    object.put("metadata", new Mapping.Entry("metadata", at, new Mapping(meta, at)));
    // A Secret's generated values are written as stringData: the reader never sees base64.
    String field = kind.equals("Secret") ? "stringData" : "data";
    object.put(field, new Mapping.Entry(field, at, new Mapping(data, at)));
    return java.util.Optional.of(new Mapping(object, g.location()));
  }

  private static void put(
      LinkedHashMap<String, Mapping.Entry> data, String key, String value, SourceLocation at) {
    YamlNode v = YamlTrees.text(value, at);
    data.put(key.strip(), new Mapping.Entry(key.strip(), at, v));
  }

  private static List<Scalar> scalars(Mapping g, String field) {
    return g.seq(field)
        .map(
            s ->
                s.items().stream()
                    .filter(Scalar.class::isInstance)
                    .map(Scalar.class::cast)
                    .toList())
        .orElse(List.of());
  }
}

package dev.rootcause.collect;

import dev.rootcause.collect.render.RenderedSource;
import dev.rootcause.model.SystemBoundaries;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.ObjectMeta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a tree into the systems it deploys. The candidates are the folders just below the deepest
 * folder holding every manifest (plain files, charts, top kustomizations): a repository of labs
 * with {@code level-1/}, {@code level-2/}... or an {@code overlays/} folder with {@code dev/} and
 * {@code prod/}. Files outside every candidate (a root build script, a shared Dockerfile) belong to
 * each. {@link SystemBoundaries} then joins the candidates that refer to one another; when
 * manifests lie in the common folder itself, or one system remains, the tree is one system.
 */
final class SystemSplit {
  private SystemSplit() {}

  /** One unit of facts (a file's, a render's) and the path that places it. */
  record Unit(String path, Facts facts, boolean manifests) {}

  /** The systems of the tree; the whole model alone when the tree is one system. */
  static List<SystemModel> of(List<Unit> units, SystemModel whole, List<FileCollector> linkers) {
    List<String> folders =
        units.stream().filter(Unit::manifests).map(u -> folderOf(u.path())).distinct().toList();
    if (folders.size() < 2) {
      return List.of(whole);
    }
    String common = commonFolder(folders);
    Set<String> groups = new HashSet<>();
    for (String f : folders) {
      if (f.equals(common)) {
        return List.of(whole); // manifests beside the candidates apply to all of them
      }
      groups.add(groupOf(common, f));
    }
    if (groups.size() < 2) {
      return List.of(whole);
    }
    List<Unit> shared = new ArrayList<>();
    Map<String, List<Unit>> byGroup = new LinkedHashMap<>();
    groups.stream().sorted().forEach(g -> byGroup.put(g, new ArrayList<>()));
    for (Unit u : units) {
      String folder = folderOf(u.path());
      String g = folder.equals(common) || !within(common, folder) ? null : groupOf(common, folder);
      (g != null && byGroup.containsKey(g) ? byGroup.get(g) : shared).add(u);
    }
    Map<String, SystemModel> models = new LinkedHashMap<>();
    byGroup.forEach((g, own) -> models.put(g, build(shared, List.of(own), linkers)));
    List<List<String>> systems = SystemBoundaries.join(models);
    if (systems.size() < 2) {
      return List.of(whole);
    }
    List<SystemModel> out = new ArrayList<>();
    for (List<String> system : systems) {
      out.add(
          system.size() == 1
              ? models.get(system.get(0))
              : build(shared, system.stream().map(byGroup::get).toList(), linkers));
    }
    return out;
  }

  /** Manifest-bearing units: files holding objects of the whole model, and every render. */
  static Set<String> manifestPaths(SystemModel whole) {
    Set<String> paths = new HashSet<>();
    whole.objects().stream().map(ObjectMeta::location).forEach(l -> paths.add(l.path()));
    return paths;
  }

  static Unit unit(RenderedSource source, Facts facts) {
    return new Unit(source.path(), facts, !source.documents().isEmpty());
  }

  private static SystemModel build(
      List<Unit> shared, List<List<Unit>> groups, List<FileCollector> linkers) {
    Facts facts = new Facts();
    shared.forEach(u -> facts.addAll(u.facts()));
    groups.forEach(g -> g.forEach(u -> facts.addAll(u.facts())));
    linkers.forEach(c -> c.link(facts));
    return facts.build();
  }

  private static String folderOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static boolean within(String common, String folder) {
    return common.isEmpty() || folder.startsWith(common + "/");
  }

  private static String groupOf(String common, String folder) {
    String rest = common.isEmpty() ? folder : folder.substring(common.length() + 1);
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static String commonFolder(List<String> folders) {
    String common = folders.get(0);
    for (String f : folders) {
      while (!common.isEmpty() && !f.equals(common) && !f.startsWith(common + "/")) {
        int slash = common.lastIndexOf('/');
        common = slash < 0 ? "" : common.substring(0, slash);
      }
    }
    return common;
  }
}

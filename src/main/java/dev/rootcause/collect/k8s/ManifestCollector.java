package dev.rootcause.collect.k8s;

import dev.rootcause.collect.Collector;
import dev.rootcause.collect.Facts;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.YamlCollector;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes the YAML documents that are Kubernetes objects ({@code apiVersion} and {@code kind} at the
 * top), unwraps {@code kind: List}, and reads each into the model. Documents that are not objects
 * (compose files, CI workflows, Helm values) are left to other collectors. What kubectl printed
 * from a cluster is read as a cluster: see {@link LiveState}.
 */
public final class ManifestCollector implements YamlCollector {

  @Override
  public void collect(SourceFile file, List<YamlDocument> documents, Facts facts) {
    List<LiveState.Declared> objects = new ArrayList<>();
    for (YamlDocument doc : documents) {
      if (!(doc.root() instanceof Mapping root)) {
        continue;
      }
      if (root.has("configMapGenerator") || root.has("secretGenerator")) {
        ObjectRefsReader.generators(root, facts);
      }
      if (!isObject(root)) {
        ManifestChecker.document(root, file.path(), doc.endLine(), facts);
        continue;
      }
      if (root.string("kind").endsWith("List") && root.has("items")) {
        listItems(root, doc.endLine(), objects, facts);
      } else {
        objects.add(new LiveState.Declared(root, doc.endLine()));
      }
    }
    LiveState live = new LiveState(objects);
    boolean patched = false;
    for (LiveState.Declared object : objects) {
      if (isPatch(object.object())) {
        // Checked as it is, a patch's workload has no probes, no resources, no image.
        patched = true;
      } else if (live.checked(object)) {
        read(object.object(), object.endLine(), facts);
      }
    }
    live.note(file).ifPresent(facts::problem);
    if (patched) {
      facts.problem(
          CollectionProblem.note(
              SourceLocation.file(file.path()),
              Collector.KUSTOMIZE_NOTE
                  + "patch, not an object (a container names no image), so not read (check the overlay"
                  + " built: kustomize build DIR | rootcause scan -)"));
    } else if (objects.stream().anyMatch(o -> isOverlay(o.object()))) {
      facts.problem(
          CollectionProblem.note(
              SourceLocation.file(file.path()),
              Collector.KUSTOMIZE_NOTE
                  + "overlay: what it changes (patches, images, namespace...) is not applied to what is"
                  + " read (check it built: kustomize build DIR | rootcause scan -)"));
    }
  }

  /**
   * A workload whose containers do not all name an image: a strategic-merge patch (kustomize's
   * {@code patches:}), which the API server would refuse as an object.
   */
  private static boolean isPatch(Mapping object) {
    Mapping spec = object.map("spec").orElse(null);
    Optional<Mapping> template = ObjectReader.podTemplate(object.string("kind"), spec);
    Optional<YamlNode> containers =
        template.flatMap(t -> t.map("spec")).flatMap(s -> s.get("containers"));
    return containers.orElse(null) instanceof YamlNode.Sequence list
        && list.items().stream().anyMatch(c -> c instanceof Mapping m && !m.has("image"));
  }

  /** A kustomization that changes what it lists, not only lists it. */
  private static boolean isOverlay(Mapping object) {
    return object.string("kind").equals("Kustomization")
        && object.entries().keySet().stream()
            .anyMatch(k -> !Set.of("apiVersion", "kind", "metadata", "resources").contains(k));
  }

  private static void listItems(
      Mapping list, int endLine, List<LiveState.Declared> objects, Facts facts) {
    YamlNode itemsNode = list.get("items").orElseThrow();
    if (!(itemsNode instanceof YamlNode.Sequence sequence)) {
      if (!(itemsNode instanceof YamlNode.Scalar s && s.isNull())) {
        facts.problem(
            CollectionProblem.note(list.locationOf("items"), "'items' should be a list; ignored"));
      }
      return;
    }
    List<YamlNode> items = sequence.items();
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      if (!(item instanceof Mapping m) || !isObject(m)) {
        facts.problem(
            CollectionProblem.note(
                item.location(),
                "item "
                    + (i + 1)
                    + " of the List is not a Kubernetes object (no apiVersion and kind); ignored"));
        continue;
      }
      // Items written on one line (flow style) share it: never end before the item starts.
      int next = i + 1 < items.size() ? items.get(i + 1).location().line() - 1 : endLine;
      objects.add(new LiveState.Declared(m, Math.max(next, m.location().line())));
    }
  }

  private static boolean isObject(Mapping m) {
    return m.string("apiVersion") != null && m.string("kind") != null;
  }

  private static void read(Mapping object, int endLine, Facts facts) {
    ObjectReader reader = new ObjectReader(object, endLine);
    try {
      reader.readInto(facts.model());
      if (!object.map("metadata").map(m -> LiveState.isLive(object, m)).orElse(false)) {
        ManifestChecker.object(object, reader.meta(), facts);
      }
      KubeFactReader.read(object, reader.meta(), facts.model());
    } catch (RuntimeException e) {
      facts.problem(
          CollectionProblem.skipped(
              object.location(),
              object.string("kind")
                  + " '"
                  + object.path("metadata").map(m -> m.string("name")).orElse("?")
                  + "' could not be read: "
                  + e.getMessage()));
    }
    reader.problems().forEach(facts::problem);
  }
}

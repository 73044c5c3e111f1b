package dev.rootcause.pipeline;

import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.YamlCollector;
import dev.rootcause.collect.k8s.ManifestCollector;
import dev.rootcause.collect.nginx.NginxCollector;
import dev.rootcause.collect.nginx.NginxConfigMapCollector;
import dev.rootcause.collect.pipeline.JenkinsfileCollector;
import dev.rootcause.collect.pipeline.WorkflowCollector;
import java.util.List;

/** Every collector the scan uses: one place to add a new kind of input. */
final class Collectors {
  private Collectors() {}

  static List<FileCollector> fileCollectors() {
    return List.of(new JenkinsfileCollector(), new NginxCollector());
  }

  static List<YamlCollector> yamlCollectors() {
    return List.of(new ManifestCollector(), new NginxConfigMapCollector(), new WorkflowCollector());
  }
}

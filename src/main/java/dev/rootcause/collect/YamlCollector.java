package dev.rootcause.collect;

import dev.rootcause.collect.yaml.YamlDocument;
import java.util.List;

/**
 * Turns parsed YAML documents into facts. Every YAML file is parsed once and offered to each YAML
 * collector, which takes the documents it recognizes (Kubernetes objects, compose files, CI).
 */
public interface YamlCollector {

  void collect(SourceFile file, List<YamlDocument> documents, Facts facts);
}

package dev.rootcause.collect.yaml;

import dev.rootcause.model.SourceLocation;

/**
 * One document of a YAML file ({@code ---} separates them): its root node and the lines it spans.
 */
public record YamlDocument(String path, int index, YamlNode root, int startLine, int endLine) {

  public SourceLocation location() {
    return root.location();
  }
}

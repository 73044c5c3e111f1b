package dev.rootcause.collect.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * The copied tree must be the tree tree-sitter built: same nodes, types, fields and byte ranges,
 * except inside the nodes the grammar copies as leaves.
 */
class SyntaxTreeTest {

  @Test
  void copyMatchesTheNativeTreeForEveryFixtureSourceFile() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources/rules"))) {
      sources = files.filter(p -> p.toString().matches(".*\\.(py|js|ts|sh)$")).sorted().toList();
    }
    assertThat(sources).hasSizeGreaterThan(20);
    for (Path source : sources) {
      String text = Files.readString(source);
      String name = source.toString();
      Grammar grammar = name.endsWith(".py") ? Grammar.PYTHON : name.endsWith(".sh") ? Grammar.BASH
          : name.endsWith(".ts") ? Grammar.TYPESCRIPT : Grammar.JAVASCRIPT;
      assertThat(flatten(SyntaxTree.parse(grammar, text).root())).as(source.toString())
          .isEqualTo(nativeFlatten(grammar, text));
    }
  }

  @Test
  void textIsSlicedByUtf8BytesSoNonAsciiSourceReadsBack() {
    String text = "greeting = 'héllo 😀 wörld'\nport = int(\"8080\")  # Ünïcode\n";
    SyntaxTree tree = SyntaxTree.parse(Grammar.PYTHON, text);
    List<String> strings = new ArrayList<>();
    tree.root().walk(n -> {
      if (n.is("string")) {
        strings.add(n.text());
      }
    });
    assertThat(strings).containsExactly("'héllo 😀 wörld'", "\"8080\"");
    assertThat(tree.root().descendants("string").get(0).children()).as("copied as a leaf").isEmpty();
    assertThat(tree.root().descendants("comment").get(0).text()).isEqualTo("# Ünïcode");
    assertThat(tree.root().descendants("comment").get(0).line()).isEqualTo(2);
  }

  @Test
  void syntaxErrorsAreFlaggedWithTheirLine() {
    SyntaxTree tree = SyntaxTree.parse(Grammar.PYTHON, "import os\n\ndef broken(:\n    return 1\n");
    assertThat(tree.hasErrors()).isTrue();
    assertThat(tree.firstErrorLine()).isEqualTo(3);
    assertThat(SyntaxTree.parse(Grammar.PYTHON, "x = 1\n").hasErrors()).isFalse();
  }

  @Test
  void brokenSourceCopiesAsTreeSitterBuiltItErrorNodesIncluded() {
    String python = "def f(:\n    return [1, 2\nprint('x')\n";
    String bash = "#!/bin/bash\ndocker build -t \"api:$(cat VERSION)\" ..\nif then fi (((\n";
    for (var source : List.of(Map.entry(Grammar.PYTHON, python),
        Map.entry(Grammar.BASH, bash))) {
      SyntaxTree tree = SyntaxTree.parse(source.getKey(), source.getValue());
      assertThat(tree.hasErrors()).isTrue();
      assertThat(tree.root().descendants("ERROR")).isNotEmpty().allMatch(Node::named);
      assertThat(flatten(tree.root())).isEqualTo(nativeFlatten(source.getKey(), source.getValue()));
    }
  }

  @Test
  void deeplyNestedCodeIsWalkedWithoutRecursion() {
    String text = "x = " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    SyntaxTree tree = SyntaxTree.parse(Grammar.PYTHON, text);
    assertThat(tree.root().descendants("list")).hasSize(5000);
  }

  private static List<String> flatten(Node root) {
    List<String> out = new ArrayList<>();
    root.walk(n -> out.add(n.type() + "|" + n.named() + "|" + n.field() + "|" + n.startByte() + "-" + n.endByte()
        + "|" + n.line() + ":" + n.column()));
    return out;
  }

  /** The same listing through the binding's public getters, the slow but obvious way. */
  private static List<String> nativeFlatten(Grammar grammar, String text) {
    try (TSParser parser = new TSParser()) {
      parser.setLanguage(grammar.newLanguage());
      try (TSTree tree = parser.parseString(null, text)) {
        List<String> out = new ArrayList<>();
        nativeWalk(grammar, text.getBytes(StandardCharsets.UTF_8), tree.getRootNode(),
            null, out);
        return out;
      }
    }
  }

  private static void nativeWalk(Grammar grammar, byte[] utf8, TSNode node, String field,
      List<String> out) {
    out.add(node.getType() + "|" + node.isNamed() + "|" + field + "|" + node.getStartByte() + "-" + node.getEndByte() + "|"
        + (node.getStartPoint().getRow() + 1) + ":" + (node.getStartPoint().getColumn() + 1));
    if (grammar.opaque(node.getType(), utf8, node.getStartByte())) {
      return;
    }
    for (int i = 0; i < node.getChildCount(); i++) {
      nativeWalk(grammar, utf8, node.getChild(i), node.getFieldNameForChild(i), out);
    }
  }
}

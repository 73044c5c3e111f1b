package dev.rootcause.collect.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterTypescript;

/**
 * The copied tree must be the tree tree-sitter built: same nodes, types, fields and byte ranges,
 * except inside the nodes the grammar copies as leaves.
 */
class SyntaxTreeTest {

  @Test
  void copyMatchesTheNativeTreeForEveryFixtureSourceFile() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources/rules"))) {
      sources = files.filter(p -> p.toString().matches(".*\\.(py|js|ts)$")).sorted().toList();
    }
    assertThat(sources).hasSizeGreaterThan(20);
    for (Path source : sources) {
      String text = Files.readString(source);
      Grammar grammar = source.toString().endsWith(".py") ? Grammar.PYTHON
          : source.toString().endsWith(".ts") ? Grammar.TYPESCRIPT : Grammar.JAVASCRIPT;
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
  void nodesEndWhereTreeSitterEndsThemEvenPastTheirLastChild() {
    // The text after an escape in an f-string is no child of its string_content.
    String python = "url = f\"{BASE}/a\\tb/{x}\\n\"\n";
    SyntaxTree pythonTree = SyntaxTree.parse(Grammar.PYTHON, python);
    assertThat(flatten(pythonTree.root())).isEqualTo(nativeFlatten(Grammar.PYTHON, python));
    assertThat(pythonTree.root().descendants("string_content")).extracting(Node::text)
        .containsExactly("/a\\tb/", "\\n");

    String javascript = "const s = `a\\tb${x}c\\n`\nlet y = 1\n";
    assertThat(flatten(SyntaxTree.parse(Grammar.JAVASCRIPT, javascript).root()))
        .isEqualTo(nativeFlatten(Grammar.JAVASCRIPT, javascript));
  }

  @Test
  void nonAsciiTextReadsBackAndColumnsCountUtf16UnitsInEveryGrammar() {
    Node y = SyntaxTree.parse(Grammar.PYTHON, "x = \"é😀\"; y = 1\n").root()
        .descendants("assignment").get(1);
    assertThat(y.text()).isEqualTo("y = 1");
    assertThat(y.column()).as("bytes would say 15").isEqualTo(12);
  }

  @Test
  void syntaxErrorsAreFlaggedWithTheirLine() {
    SyntaxTree tree = SyntaxTree.parse(Grammar.PYTHON, "import os\n\ndef broken(:\n    return 1\n");
    assertThat(tree.hasErrors()).isTrue();
    assertThat(tree.firstErrorLine()).isEqualTo(3);
    assertThat(SyntaxTree.parse(Grammar.PYTHON, "x = 1\n").hasErrors()).isFalse();
  }

  @Test
  void deeplyNestedCodeIsWalkedWithoutRecursion() {
    String text = "x = " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    SyntaxTree tree = SyntaxTree.parse(Grammar.PYTHON, text);
    assertThat(tree.root().descendants("list")).hasSize(5000);
  }

  private static List<String> flatten(Node root) {
    List<String> out = new ArrayList<>();
    root.walk(n -> out.add(n.type() + "|" + n.field() + "|" + n.startByte() + "-" + n.endByte()
        + "|" + n.line() + ":" + n.column()));
    return out;
  }

  /** The same listing through the binding's public getters, the slow but obvious way. */
  private static List<String> nativeFlatten(Grammar grammar, String text) {
    try (TSParser parser = new TSParser()) {
      parser.setLanguage(switch (grammar) {
        case PYTHON -> new TreeSitterPython();
        case JAVASCRIPT -> new TreeSitterJavascript();
        case TYPESCRIPT -> new TreeSitterTypescript();
      });
      try (TSTree tree = parser.parseString(null, text)) {
        List<String> out = new ArrayList<>();
        nativeWalk(grammar, text.getBytes(StandardCharsets.UTF_8), tree.getRootNode(), null, out);
        return out;
      }
    }
  }

  private static void nativeWalk(Grammar grammar, byte[] utf8, TSNode node, String field,
      List<String> out) {
    int start = node.getStartByte();
    int lineStart = start - node.getStartPoint().getColumn();
    int column = new String(utf8, lineStart, start - lineStart, StandardCharsets.UTF_8).length() + 1;
    out.add(node.getType() + "|" + field + "|" + start + "-" + node.getEndByte() + "|"
        + (node.getStartPoint().getRow() + 1) + ":" + column);
    if (grammar.opaque(node.getType(), utf8, node.getStartByte())) {
      return;
    }
    for (int i = 0; i < node.getChildCount(); i++) {
      nativeWalk(grammar, utf8, node.getChild(i), node.getFieldNameForChild(i), out);
    }
  }
}

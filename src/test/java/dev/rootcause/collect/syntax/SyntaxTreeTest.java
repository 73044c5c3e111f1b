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
 * The copied tree must be the tree tree-sitter built: same nodes, types, fields, byte ranges and
 * named flags (but for the comments a grammar counts as unnamed), except inside the nodes the
 * grammar copies as leaves.
 */
class SyntaxTreeTest {

  @Test
  void copyMatchesTheNativeTreeForEveryFixtureSourceFile() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
      sources =
          files
              .filter(p -> p.toString().matches(".*/(rules|code)/.*\\.(py|js|ts|go|java|sh)$"))
              .sorted()
              .toList();
    }
    assertThat(sources).hasSizeGreaterThan(20);
    assertThat(sources)
        .anyMatch(p -> p.toString().endsWith(".go"))
        .anyMatch(p -> p.toString().endsWith(".java"));
    for (Path source : sources) {
      String text = Files.readString(source);
      Grammar grammar = grammarOf(source.toString());
      assertThat(flatten(SyntaxTree.parse(grammar, text).root()))
          .as(source.toString())
          .isEqualTo(nativeFlatten(grammar, text));
    }
  }

  @Test
  void textIsSlicedByUtf8BytesSoNonAsciiSourceReadsBack() {
    String text = "greeting = 'héllo 😀 wörld'\nport = int(\"8080\")  # Ünïcode\n";
    SyntaxTree tree = SyntaxTree.parse(Grammar.PYTHON, text);
    List<String> strings = new ArrayList<>();
    tree.root()
        .walk(
            n -> {
              if (n.is("string")) {
                strings.add(n.text());
              }
            });
    assertThat(strings).containsExactly("'héllo 😀 wörld'", "\"8080\"");
    assertThat(tree.root().descendants("string").get(0).children())
        .as("copied as a leaf")
        .isEmpty();
    assertThat(tree.root().descendants("comment").get(0).text()).isEqualTo("# Ünïcode");
    assertThat(tree.root().descendants("comment").get(0).line()).isEqualTo(2);
  }

  @Test
  void nodesEndWhereTreeSitterEndsThemEvenPastTheirLastChild() {
    // The text after an escape in an f-string is no child of its string_content; a Go statement
    // list ends on a newline tree-sitter does not show.
    String python = "url = f\"{BASE}/a\\tb/{x}\\n\"\n";
    SyntaxTree pythonTree = SyntaxTree.parse(Grammar.PYTHON, python);
    assertThat(flatten(pythonTree.root())).isEqualTo(nativeFlatten(Grammar.PYTHON, python));
    assertThat(pythonTree.root().descendants("string_content"))
        .extracting(Node::text)
        .containsExactly("/a\\tb/", "\\n");

    String spec = "uid = f\"{name}.{crc(name):016x}\"[:63]\n";
    SyntaxTree specTree = SyntaxTree.parse(Grammar.PYTHON, spec);
    assertThat(flatten(specTree.root())).isEqualTo(nativeFlatten(Grammar.PYTHON, spec));
    assertThat(specTree.root().descendants("format_specifier").get(0).text()).isEqualTo(":016x");

    String go = "package main\n\nfunc f() {\n\tg()\n\th()\n}\n";
    SyntaxTree goTree = SyntaxTree.parse(Grammar.GO, go);
    assertThat(flatten(goTree.root())).isEqualTo(nativeFlatten(Grammar.GO, go));
    assertThat(goTree.root().descendants("statement_list").get(0).text()).isEqualTo("g()\n\th()\n");

    String javascript = "const s = `a\\tb${x}c\\n`\nlet y = 1\n";
    assertThat(flatten(SyntaxTree.parse(Grammar.JAVASCRIPT, javascript).root()))
        .isEqualTo(nativeFlatten(Grammar.JAVASCRIPT, javascript));
  }

  @Test
  void goAndJavaCommentsDoNotShiftTheNamedChildrenButPythonsStillCount() {
    Node goCall =
        SyntaxTree.parse(Grammar.GO, "package main\n\nvar x = f(a, /* why */ b)\n")
            .root()
            .descendants("argument_list")
            .get(0);
    assertThat(goCall.namedChildren()).extracting(Node::text).containsExactly("a", "b");
    assertThat(goCall.namedChild(1).text()).isEqualTo("b");
    assertThat(goCall.firstOfType("comment").named()).isFalse();

    Node javaCall =
        SyntaxTree.parse(Grammar.JAVA, "class A { void m() { f(a, // why\n b); } }\n")
            .root()
            .descendants("argument_list")
            .get(0);
    assertThat(javaCall.namedChildren()).extracting(Node::text).containsExactly("a", "b");

    Node pythonCall =
        SyntaxTree.parse(Grammar.PYTHON, "f(a,  # why\n  b)\n")
            .root()
            .descendants("argument_list")
            .get(0);
    assertThat(pythonCall.namedChildren())
        .extracting(Node::type)
        .containsExactly("identifier", "comment", "identifier");
  }

  @Test
  void nonAsciiTextReadsBackAndColumnsCountUtf16UnitsInEveryGrammar() {
    String go = "package main\n\n// grüße 😀\nvar s = \"héllo 😀\"; var t = `wörld`\n";
    SyntaxTree goTree = SyntaxTree.parse(Grammar.GO, go);
    assertThat(goTree.root().descendants("comment").get(0).text()).isEqualTo("// grüße 😀");
    Node raw = goTree.root().descendants("raw_string_literal").get(0);
    assertThat(raw.text()).isEqualTo("`wörld`");
    assertThat(goTree.root().descendants("interpreted_string_literal").get(0).text())
        .isEqualTo("\"héllo 😀\"");
    // "var s = " (8), the quoted string (10 units: the emoji is two), "; var t = " (10)
    assertThat(raw.line()).isEqualTo(4);
    assertThat(raw.column()).isEqualTo(29);

    String java = "class A {\n  /* ünïcode */ String s = \"😀\"; int port = 8080;\n}\n";
    Node port =
        SyntaxTree.parse(Grammar.JAVA, java).root().descendants("decimal_integer_literal").get(0);
    assertThat(port.text()).isEqualTo("8080");
    assertThat(port.column()).isEqualTo(java.split("\n")[1].indexOf("8080") + 1);

    Node y =
        SyntaxTree.parse(Grammar.PYTHON, "x = \"é😀\"; y = 1\n")
            .root()
            .descendants("assignment")
            .get(1);
    assertThat(y.text()).isEqualTo("y = 1");
    assertThat(y.column()).as("bytes would say 15").isEqualTo(12);
  }

  @Test
  void visitSkipsTheInsidesOfNodesItDoesNotEnter() {
    Node root = SyntaxTree.parse(Grammar.GO, "package main\n\nfunc f() { g(h()) }\n").root();
    List<String> calls = new ArrayList<>();
    root.visit(
        n -> {
          if (n.is("call_expression")) {
            calls.add(n.text());
            return false;
          }
          return true;
        });
    assertThat(calls).containsExactly("g(h())");
    Node binary =
        SyntaxTree.parse(Grammar.GO, "package main\n\nvar b = x == y\n")
            .root()
            .descendants("binary_expression")
            .get(0);
    assertThat(binary.hasToken("==")).isTrue();
    assertThat(binary.hasToken("!=")).isFalse();
    assertThat(binary.hasToken("identifier")).as("a named child is not a token").isFalse();
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
    for (var source : List.of(Map.entry(Grammar.PYTHON, python), Map.entry(Grammar.BASH, bash))) {
      SyntaxTree tree = SyntaxTree.parse(source.getKey(), source.getValue());
      assertThat(tree.hasErrors()).isTrue();
      assertThat(tree.root().descendants("ERROR")).isNotEmpty().allMatch(Node::named);
      assertThat(flatten(tree.root())).isEqualTo(nativeFlatten(source.getKey(), source.getValue()));
    }
  }

  @Test
  void bashClausesEndOnTheirHiddenTerminatorsAsTreeSitterSays() {
    String script =
        """
        #!/bin/sh
        if [ "$1" = push ]; then
          docker push "$IMAGE"
        elif [ -n "$CI" ]
        then echo "ci: no push"
        else
          echo skipped
        fi
        case "$TARGET" in
          kind) kind load docker-image "$IMAGE" ;;
          *) echo "unknown target" >&2
        esac
        """;
    SyntaxTree tree = SyntaxTree.parse(Grammar.BASH, script);

    assertThat(tree.root().descendants("else_clause")).hasSize(1);
    assertThat(flatten(tree.root())).isEqualTo(nativeFlatten(Grammar.BASH, script));
  }

  @Test
  void deeplyNestedCodeIsWalkedWithoutRecursion() {
    String text = "x = " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    SyntaxTree tree = SyntaxTree.parse(Grammar.PYTHON, text);
    assertThat(tree.root().descendants("list")).hasSize(5000);
  }

  private static List<String> flatten(Node root) {
    List<String> out = new ArrayList<>();
    root.walk(
        n ->
            out.add(
                n.type()
                    + "|"
                    + n.field()
                    + "|"
                    + n.named()
                    + "|"
                    + n.startByte()
                    + "-"
                    + n.endByte()
                    + "|"
                    + n.line()
                    + ":"
                    + n.column()));
    return out;
  }

  private static Grammar grammarOf(String path) {
    String extension = path.substring(path.lastIndexOf('.') + 1);
    return switch (extension) {
      case "py" -> Grammar.PYTHON;
      case "ts" -> Grammar.TYPESCRIPT;
      case "go" -> Grammar.GO;
      case "java" -> Grammar.JAVA;
      case "sh" -> Grammar.BASH;
      default -> Grammar.JAVASCRIPT;
    };
  }

  /** The same listing through the binding's public getters, the slow but obvious way. */
  private static List<String> nativeFlatten(Grammar grammar, String text) {
    try (TSParser parser = new TSParser()) {
      parser.setLanguage(grammar.newLanguage());
      try (TSTree tree = parser.parseString(null, text)) {
        List<String> out = new ArrayList<>();
        nativeWalk(grammar, text.getBytes(StandardCharsets.UTF_8), tree.getRootNode(), null, out);
        return out;
      }
    }
  }

  private static void nativeWalk(
      Grammar grammar, byte[] utf8, TSNode node, String field, List<String> out) {
    int start = node.getStartByte();
    int lineStart = start - node.getStartPoint().getColumn();
    int column =
        new String(utf8, lineStart, start - lineStart, StandardCharsets.UTF_8).length() + 1;
    boolean named = node.isNamed() && grammar.named(node.getType());
    out.add(
        node.getType()
            + "|"
            + field
            + "|"
            + named
            + "|"
            + start
            + "-"
            + node.getEndByte()
            + "|"
            + (node.getStartPoint().getRow() + 1)
            + ":"
            + column);
    if (grammar.opaque(node.getType(), utf8, node.getStartByte())) {
      return;
    }
    for (int i = 0; i < node.getChildCount(); i++) {
      nativeWalk(grammar, utf8, node.getChild(i), node.getFieldNameForChild(i), out);
    }
  }
}

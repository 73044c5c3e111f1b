package dev.rootcause.collect.syntax;

import java.util.Set;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterBash;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterTypescript;

/**
 * The tree-sitter grammars rootcause parses source code and shell scripts with: one line per
 * language, with the node types whose insides no extractor reads (copied as leaves: copying costs
 * native calls).
 */
public enum Grammar {
  PYTHON(TreeSitterPython::new, Set.of("comment")),
  JAVASCRIPT(TreeSitterJavascript::new, Set.of("string", "regex", "comment")),
  TYPESCRIPT(
      TreeSitterTypescript::new,
      Set.of(
          "string",
          "regex",
          "comment",
          "type_annotation",
          "type_arguments",
          "type_parameters",
          "interface_declaration",
          "type_alias_declaration")),
  GO(
      TreeSitterGo::new,
      Set.of(
          "interpreted_string_literal", "raw_string_literal", "rune_literal", "comment", "ERROR")),
  JAVA(
      TreeSitterJava::new,
      Set.of("string_literal", "character_literal", "line_comment", "block_comment", "ERROR")),
  BASH(TreeSitterBash::new, Set.of("comment"));

  private static final Set<String> BASH_ENDS_PAST_LAST_CHILD =
      Set.of("else_clause", "elif_clause", "case_item", "ERROR");

  private final Supplier<TSLanguage> language;
  private final Set<String> opaque;

  Grammar(Supplier<TSLanguage> language, Set<String> opaque) {
    this.language = language;
    this.opaque = opaque;
  }

  /**
   * Whether every anonymous node's text is its type name, so its width needs no native call. Not so
   * in bash: a token typed {@code "} can span {@code $"}, and {@code $(} or {@code $} more than
   * their names (measured over 109 system shell scripts), so every bash leaf is measured.
   */
  boolean anonymousNodesAreLiterals() {
    return this != BASH;
  }

  TSLanguage newLanguage() {
    return language.get();
  }

  /**
   * Whether nodes of this (named) type count as named children. Go and Java comments do not: their
   * readers take a call's arguments by position among its named children, which a comment between
   * two arguments would shift.
   */
  boolean named(String type) {
    return switch (this) {
      case GO, JAVA -> !type.endsWith("comment");
      default -> true;
    };
  }

  /**
   * Whether a node of this type can end past its last child, on a token tree-sitter does not show
   * (the newline ending a Go statement list, the text after an escape in a Python f-string or after
   * the colon of its format spec, the terminator ending a bash {@code else} clause): its end must
   * be asked of tree-sitter. Every other node ends where its last child does.
   */
  boolean endsPastLastChild(String type) {
    return switch (this) {
      case GO -> type.equals("statement_list");
      // an f-string's format spec shows its ':' but not the text after it ({x:016x})
      case PYTHON -> type.equals("string_content") || type.equals("format_specifier");
      // found over 109 system shell scripts: a clause ends on its hidden terminator
      case BASH -> BASH_ENDS_PAST_LAST_CHILD.contains(type);
      default -> false;
    };
  }

  /**
   * Whether a node's children are not worth copying: a JavaScript string's quotes and fragments, a
   * TypeScript type, a Python string that is not an f-string (its text says all).
   */
  boolean opaque(String type, byte[] utf8, int start) {
    if (this == PYTHON && type.equals("string")) {
      for (int i = start; i < utf8.length && Character.isLetter(utf8[i]); i++) {
        if (utf8[i] == 'f' || utf8[i] == 'F') {
          return false;
        }
      }
      return true;
    }
    return opaque.contains(type);
  }
}

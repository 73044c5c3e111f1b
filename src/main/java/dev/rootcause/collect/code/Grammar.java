package dev.rootcause.collect.code;

import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterTypescript;

/** The tree-sitter grammars rootcause parses source code with: one line per language. */
public enum Grammar {
  PYTHON(TreeSitterPython::new),
  JAVASCRIPT(TreeSitterJavascript::new),
  TYPESCRIPT(TreeSitterTypescript::new);

  private final Supplier<TSLanguage> language;

  Grammar(Supplier<TSLanguage> language) {
    this.language = language;
  }

  TSLanguage newLanguage() {
    return language.get();
  }
}

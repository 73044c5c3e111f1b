package dev.rootcause.collect.code.js;

import dev.rootcause.collect.syntax.Node;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The env vars a JavaScript file reads ({@code process.env.X}, destructuring, config helpers),
 * their defaults, and whether absence stops the process.
 */
final class JsEnv {
  private final JsFile file;

  JsEnv(JsFile file) {
    this.file = file;
  }

  /** An env var read: name, default value node (null if none), and where it is read. */
  record EnvRef(String name, Node defaultValue, Node at) {
    String defaultText() {
      return JsFile.literalText(defaultValue);
    }
  }

  /** The env var a {@code process.env.X} or {@code process.env['X']} expression reads, or null. */
  String envName(Node e) {
    Node n = JsFile.unwrap(e);
    if (n == null) {
      return null;
    }
    if (n.is("member_expression")
        && "process.env".equals(file.qname(n.child("object")))
        && n.child("property") != null) {
      return n.child("property").text();
    }
    if (n.is("subscript_expression") && "process.env".equals(file.qname(n.child("object")))) {
      return JsFile.stringValue(n.child("index"));
    }
    return null;
  }

  EnvRef envOf(Node e) {
    return envOf(e, 0);
  }

  EnvRef envOf(Node e, int depth) {
    Node n = JsFile.unwrap(e);
    if (n == null) {
      return null;
    }
    String name = envName(n);
    if (name != null) {
      return new EnvRef(name, null, n);
    }
    switch (n.type()) {
      case "binary_expression" -> {
        Node op = n.child("operator");
        EnvRef left = envOf(n.child("left"), depth);
        if (left != null && op != null && (op.text().equals("||") || op.text().equals("??"))) {
          return new EnvRef(left.name(), JsFile.unwrap(n.child("right")), left.at());
        }
        return null;
      }
      case "call_expression" -> {
        String callee = JsFile.calleeName(n);
        if (Set.of("parseInt", "parseFloat", "Number", "String", "Boolean").contains(callee)) {
          return envOf(JsFile.argument(n, 0), depth);
        }
        return null;
      }
      case "unary_expression" -> {
        Node op = n.child("operator");
        return op != null && op.text().equals("+") ? envOf(n.child("argument"), depth) : null;
      }
      case "identifier" -> {
        if (file.destructuredEnv.containsKey(n.text()) && file.resolve(n) == null) {
          return file.destructuredEnv.get(n.text());
        }
        return depth >= 2 ? null : envOf(file.resolve(n), depth + 1);
      }
      default -> {
        return null;
      }
    }
  }

  void envReads() {
    Map<String, Node> exitChecked = requiredByExitCheck();
    Set<String> reported = new HashSet<>();
    for (Node m : file.members) {
      String name = envName(m);
      if (name == null || isWriteTarget(m)) {
        continue;
      }
      Node parent = m.parent();
      Node def = null;
      if (parent != null
          && parent.is("binary_expression")
          && "left".equals(m.field())
          && parent.child("operator") != null
          && Set.of("||", "??").contains(parent.child("operator").text())) {
        def = JsFile.unwrap(parent.child("right"));
      }
      String defText = JsFile.literalText(def);
      boolean required =
          (def == null || "".equals(defText)) && exitChecked.containsKey(name) && file.atStartup(m);
      file.out.env(name, required, defText, m);
      reported.add(name);
    }
    for (EnvRef env : file.destructuredEnv.values()) {
      boolean required = env.defaultValue() == null && exitChecked.containsKey(env.name());
      file.out.env(env.name(), required, env.defaultText(), env.at());
      reported.add(env.name());
    }
    exitChecked.forEach(
        (name, check) -> {
          if (!reported.contains(name)) {
            file.out.env(name, true, null, check);
          }
        });
  }

  static boolean isWriteTarget(Node n) {
    Node parent = n.parent();
    return parent != null
        && (parent.isAny("assignment_expression", "augmented_assignment_expression")
                && "left".equals(n.field())
            || parent.is("unary_expression")
                && parent.child("operator") != null
                && parent.child("operator").text().equals("delete"));
  }

  /** Env vars whose absence startup code tests and answers with {@code process.exit} or throw. */
  Map<String, Node> requiredByExitCheck() {
    Map<String, Node> names = new LinkedHashMap<>();
    for (Node ifNode : file.ifs) {
      if (!ifNode.is("if_statement") || !file.atStartup(ifNode)) {
        continue;
      }
      Node cond = ifNode.child("condition");
      Node body = ifNode.child("consequence");
      if (cond == null || body == null || !exits(body)) {
        continue;
      }
      for (String name : absenceTested(cond)) {
        names.putIfAbsent(name, ifNode);
      }
    }
    return names;
  }

  Set<String> absenceTested(Node e) {
    Node n = JsFile.unwrap(e);
    Set<String> names = new LinkedHashSet<>();
    if (n == null) {
      return names;
    }
    if (n.is("unary_expression")
        && n.child("operator") != null
        && n.child("operator").text().equals("!")) {
      names.addAll(envNames(n.child("argument")));
    } else if (n.is("binary_expression") && n.child("operator") != null) {
      String op = n.child("operator").text();
      if (op.equals("||") || op.equals("&&")) {
        names.addAll(absenceTested(n.child("left")));
        names.addAll(absenceTested(n.child("right")));
      } else if (op.equals("===") || op.equals("==")) {
        Node left = JsFile.unwrap(n.child("left"));
        Node right = JsFile.unwrap(n.child("right"));
        if (right != null
            && (right.isAny("undefined", "null")
                || "".equals(JsFile.stringValue(right))
                || right.is("identifier") && right.text().equals("undefined"))) {
          names.addAll(envNames(left));
        }
      }
    }
    return names;
  }

  /**
   * The env names an expression reads: one var, or {@code process.env[name]} over literal names.
   */
  Set<String> envNames(Node e) {
    EnvRef env = envOf(e);
    if (env != null) {
      return Set.of(env.name());
    }
    Node n = JsFile.unwrap(e);
    if (n != null
        && n.is("subscript_expression")
        && "process.env".equals(file.qname(n.child("object")))) {
      Node index = JsFile.unwrap(n.child("index"));
      return index != null && index.is("identifier") ? loopLiterals(index) : Set.of();
    }
    return Set.of();
  }

  /**
   * The literal names a loop variable takes: {@code for (const k of ['A', 'B'])} or {@code ['A',
   * 'B'].forEach((k) => ...)}, the array written inline or in a module constant.
   */
  Set<String> loopLiterals(Node id) {
    for (Node p = id.parent(); p != null; p = p.parent()) {
      if (p.is("for_in_statement")
          && p.child("left") != null
          && p.child("left").text().equals(id.text())) {
        return stringsOf(p.child("right"));
      }
      if (JsFile.FUNCTIONS.contains(p.type()) && JsFile.parameters(p).contains(id.text())) {
        Node args = p.parent();
        Node call = args != null ? args.parent() : null;
        if (call != null
            && call.is("call_expression")
            && JsFile.calleeName(call).equals("forEach")) {
          return stringsOf(JsFile.receiver(call));
        }
        return Set.of();
      }
    }
    return Set.of();
  }

  Set<String> stringsOf(Node e) {
    Node n = JsFile.unwrap(e);
    if (n != null && n.is("identifier")) {
      n = file.resolve(n);
    }
    Set<String> names = new LinkedHashSet<>();
    if (n != null && n.is("array")) {
      for (Node item : n.namedChildren()) {
        String s = JsFile.stringValue(item);
        if (s != null) {
          names.add(s);
        }
      }
    }
    return names;
  }

  /**
   * Whether a block ends the process or throws: {@code process.exit(1)}, {@code throw new Error}.
   */
  boolean exits(Node block) {
    boolean[] found = {false};
    JsFile.walkBody(
        block,
        n -> {
          if (n.is("throw_statement")) {
            found[0] = true;
          } else if (n.is("call_expression")) {
            String q = file.qname(n.child("function"));
            found[0] |= "process.exit".equals(q) || "process.abort".equals(q);
          }
        });
    return found[0];
  }
}

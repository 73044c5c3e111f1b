package dev.rootcause.collect.code.python;

import dev.rootcause.collect.syntax.Node;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The env vars a Python file reads ({@code os.environ}, {@code os.getenv}, settings helpers), their
 * defaults, and whether absence stops the process.
 */
final class PythonEnv {
  private final PythonFile file;

  PythonEnv(PythonFile file) {
    this.file = file;
  }

  /**
   * An env var read: its name, the default node (null if none), and whether it is {@code
   * environ[..]}.
   */
  record EnvRef(String name, Node defaultValue, boolean subscript) {
    /** The default as text, null when there is none or it is not a literal. */
    String defaultText() {
      return PythonFile.literalText(defaultValue);
    }
  }

  /** The env read an expression amounts to, through int()/float()/str(), {@code or}, one name. */
  EnvRef envOf(Node e) {
    return envOf(e, 0);
  }

  EnvRef envOf(Node e, int depth) {
    if (e == null) {
      return null;
    }
    switch (e.type()) {
      case "parenthesized_expression" -> {
        return envOf(e.namedChild(0), depth);
      }
      case "call" -> {
        String q = file.qname(e.child("function"));
        if (q != null && PythonFile.ENV_GETTERS.contains(q)) {
          String name = PythonFile.stringValue(PythonFile.positional(e, 0));
          Node def =
              PythonFile.positional(e, 1) != null
                  ? PythonFile.positional(e, 1)
                  : PythonFile.kwarg(e, "default");
          return name == null
              ? null
              : new EnvRef(name, def != null && def.is("none") ? null : def, false);
        }
        if (q != null && Set.of("int", "float", "str", "bool").contains(q)) {
          return envOf(PythonFile.positional(e, 0), depth);
        }
        return null;
      }
      case "subscript" -> {
        String name = envSubscriptName(e);
        return name == null ? null : new EnvRef(name, null, true);
      }
      case "boolean_operator" -> {
        Node op = e.child("operator");
        EnvRef left = envOf(e.child("left"), depth);
        if (left != null && op != null && op.text().equals("or")) {
          return new EnvRef(left.name(), e.child("right"), false);
        }
        return null;
      }
      case "identifier" -> {
        if (depth >= 2) {
          return null;
        }
        return envOf(file.resolve(e), depth + 1);
      }
      default -> {
        return null;
      }
    }
  }

  String envSubscriptName(Node subscript) {
    if (!"os.environ".equals(file.qname(subscript.child("value")))) {
      return null;
    }
    return PythonFile.stringValue(subscript.child("subscript"));
  }

  void envReads() {
    Map<String, Node> exitChecked = requiredByExitCheck();
    Set<String> reported = new LinkedHashSet<>();
    for (Node call : file.calls) {
      String q = file.qname(call.child("function"));
      if (q == null || !PythonFile.ENV_GETTERS.contains(q)) {
        continue;
      }
      EnvRef env = envOf(call);
      if (env == null) {
        continue;
      }
      String def = env.defaultText();
      boolean falsyDefault = def == null || def.isEmpty() || def.equals("0");
      boolean required = env.defaultValue() == null || falsyDefault;
      required &= exitChecked.containsKey(env.name()) && file.atStartup(call);
      file.out.env(env.name(), required, def, call);
      reported.add(env.name());
    }
    for (Node sub : file.subscripts) {
      String name = envSubscriptName(sub);
      if (name == null || isWriteTarget(sub)) {
        continue;
      }
      boolean required = file.atStartup(sub) && !insideTryBody(sub) && !guardedByCheck(sub, name);
      file.out.env(name, required, null, sub);
      reported.add(name);
    }
    exitChecked.forEach(
        (name, check) -> {
          if (!reported.contains(name)) {
            file.out.env(name, true, null, check);
          }
        });
  }

  static boolean isWriteTarget(Node sub) {
    Node parent = sub.parent();
    return parent != null
        && (parent.isAny("assignment", "augmented_assignment") && "left".equals(sub.field())
            || parent.is("delete_statement"));
  }

  static boolean insideTryBody(Node n) {
    for (Node p = n.parent(); p != null; p = p.parent()) {
      if (p.isAny("function_definition", "lambda")) {
        return false;
      }
      if (p.is("block")
          && "body".equals(p.field())
          && p.parent() != null
          && p.parent().is("try_statement")) {
        return true;
      }
    }
    return false;
  }

  /** {@code if "X" in os.environ: ... os.environ["X"]}: the read is guarded, absence is fine. */
  static boolean guardedByCheck(Node n, String name) {
    for (Node p = n.parent(); p != null; p = p.parent()) {
      if (p.isAny("if_statement", "elif_clause", "conditional_expression")) {
        Node cond = p.is("conditional_expression") ? p : p.child("condition");
        if (cond != null && cond.text().contains(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Env vars whose absence the startup code tests and answers with exit or raise. */
  Map<String, Node> requiredByExitCheck() {
    Map<String, Node> names = new LinkedHashMap<>();
    for (Node ifNode : file.ifs) {
      Node cond = ifNode.child("condition");
      Node body = ifNode.child("consequence");
      if (cond == null || body == null || !file.atStartup(ifNode) || !exits(body)) {
        continue;
      }
      for (String name : absenceTested(cond)) {
        names.putIfAbsent(name, ifNode);
      }
    }
    return names;
  }

  Set<String> absenceTested(Node cond) {
    Set<String> names = new LinkedHashSet<>();
    switch (cond.type()) {
      case "parenthesized_expression" -> names.addAll(absenceTested(cond.namedChild(0)));
      case "boolean_operator" -> {
        names.addAll(absenceTested(cond.child("left")));
        names.addAll(absenceTested(cond.child("right")));
      }
      case "not_operator" -> names.addAll(envNames(cond.child("argument")));
      case "comparison_operator" -> {
        List<Node> operands = cond.namedChildren();
        Node op = cond.child("operators");
        if (operands.size() != 2 || op == null) {
          break;
        }
        String operator = op.text().replaceAll("\\s+", " ");
        if (operator.equals("not in") && "os.environ".equals(file.qname(operands.get(1)))) {
          String literal = PythonFile.stringValue(operands.get(0));
          if (literal != null) {
            names.add(literal);
          } else {
            names.addAll(loopLiterals(operands.get(0)));
          }
        } else if ((operator.equals("is") || operator.equals("=="))
            && (operands.get(1).is("none") || "".equals(PythonFile.stringValue(operands.get(1))))) {
          names.addAll(envNames(operands.get(0)));
        }
      }
      default -> {}
    }
    return names;
  }

  /** The env var names a value comes from: one read, or a loop variable over literal names. */
  Set<String> envNames(Node e) {
    if (e == null) {
      return Set.of();
    }
    EnvRef env = envOf(e);
    if (env != null) {
      return Set.of(env.name());
    }
    if (e.is("call") && "os.environ.get".equals(file.qname(e.child("function")))) {
      return loopLiterals(PythonFile.positional(e, 0));
    }
    return Set.of();
  }

  /** {@code for name in ("A", "B"): ... name ...}: the literal names a loop variable takes. */
  static Set<String> loopLiterals(Node id) {
    if (id == null || !id.is("identifier")) {
      return Set.of();
    }
    for (Node p = id.parent(); p != null; p = p.parent()) {
      if (p.is("for_statement")
          && p.child("left") != null
          && p.child("left").text().equals(id.text())) {
        Node over = p.child("right");
        Set<String> names = new LinkedHashSet<>();
        if (over != null && over.isAny("tuple", "list", "set")) {
          for (Node item : over.namedChildren()) {
            String s = PythonFile.stringValue(item);
            if (s != null) {
              names.add(s);
            }
          }
        }
        return names;
      }
    }
    return Set.of();
  }

  boolean exits(Node block) {
    boolean[] found = {false};
    PythonFile.walkBody(
        block,
        n -> {
          if (n.is("raise_statement")) {
            found[0] = true;
          } else if (n.is("call")) {
            String q = file.qname(n.child("function"));
            found[0] |= q != null && PythonFile.EXITS.contains(q);
          }
        });
    return found[0];
  }
}

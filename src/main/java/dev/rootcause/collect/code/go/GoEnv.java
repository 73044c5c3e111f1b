package dev.rootcause.collect.code.go;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.textOf;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.AppFacts.EnvRead;
import java.util.List;

/**
 * The env vars a Go file reads ({@code os.Getenv}, {@code os.LookupEnv}, helpers around them) and
 * whether absence is fatal.
 */
final class GoEnv {
  private final GoFile file;

  GoEnv(GoFile file) {
    this.file = file;
  }

  void readEnvCall(Node call) {
    Node nameArg = argument(call, 0);
    String name = file.values.constantString(nameArg);
    if (name == null) {
      return; // os.Getenv(key) inside a helper: its call sites are read instead
    }
    EnvUse use = envUse(call);
    String fallback = use.fallback == null ? null : file.values.literalValue(use.fallback);
    file.out.env(new EnvRead(name, use.required, fallback, file.out.at(call)));
  }

  void readEnvHelperCall(Node call, EnvHelper helper) {
    String name = file.values.constantString(argument(call, helper.nameIndex));
    if (name == null) {
      return;
    }
    String fallback =
        helper.fallbackIndex < 0
            ? null
            : file.values.literalValue(argument(call, helper.fallbackIndex));
    file.out.env(new EnvRead(name, helper.required, fallback, file.out.at(call)));
  }

  /** What the code does when the variable is empty: a fallback value, or a fatal exit. */
  record EnvUse(boolean required, Node fallback) {}

  EnvUse envUse(Node call) {
    Node parent = call.parent();
    if (parent != null
        && parent.is("argument_list")
        && parent.parent() != null
        && file.isPackageCall(parent.parent(), "cmp", "Or")
        && argument(parent.parent(), 0) == call) {
      return new EnvUse(false, argument(parent.parent(), 1));
    }
    String valueVar = null;
    String okVar = null;
    if (parent != null && parent.is("expression_list") && "right".equals(parent.field())
        || parent != null && parent.is("expression_list") && "value".equals(parent.field())) {
      List<Node> targets = GoFile.targets(parent.parent());
      int index = GoFile.indexIn(parent, call);
      if (targets.size() == 2 && parent.namedChildren().size() == 1) {
        valueVar = targets.get(0).text();
        okVar = targets.get(1).text();
      } else if (index < targets.size()) {
        valueVar = targets.get(index).text();
      }
    }
    Node fn = GoFile.enclosingFunction(call);
    Node scope = fn == null ? file.root : fn.child("body");
    if (scope == null) {
      return new EnvUse(false, null);
    }
    boolean required = false;
    Node fallback = null;
    for (Node ifStatement : scope.descendants("if_statement")) {
      Node condition = ifStatement.child("condition");
      Node consequence = ifStatement.child("consequence");
      if (condition == null
          || consequence == null
          || !testsEmpty(condition, call, valueVar, okVar)) {
        continue;
      }
      boolean[] fatal = {false};
      Node[] assigned = {null};
      String target = valueVar;
      consequence.visit(
          n -> {
            if (n.is("func_literal")) {
              return false;
            }
            if (n.is("call_expression") && (isFatal(n) || GoFile.callName(n).equals("panic"))) {
              fatal[0] = true;
            }
            if (target != null && n.is("assignment_statement")) {
              List<Node> left = GoFile.targets(n);
              for (int i = 0; i < left.size(); i++) {
                if (left.get(i).text().equals(target)) {
                  assigned[0] = GoFile.valueAt(n, i);
                }
              }
            }
            return true;
          });
      required |= fatal[0];
      if (assigned[0] != null) {
        fallback = assigned[0];
      }
    }
    return new EnvUse(required, fallback);
  }

  /** Whether a condition is true when the env value is empty or unset. */
  static boolean testsEmpty(Node condition, Node call, String valueVar, String okVar) {
    Node c = unparen(condition);
    if (c.is("binary_expression") && c.hasToken("||")) {
      return testsEmpty(c.child("left"), call, valueVar, okVar)
          || testsEmpty(c.child("right"), call, valueVar, okVar);
    }
    if (c.is("unary_expression") && c.hasToken("!")) {
      Node operand = c.child("operand");
      return okVar != null && operand != null && operand.text().equals(okVar);
    }
    if (!c.is("binary_expression") || !c.hasToken("==")) {
      return false;
    }
    Node left = unparen(c.child("left"));
    Node right = unparen(c.child("right"));
    if (left == null || right == null) {
      return false;
    }
    if (isEmptyString(right) && refersTo(left, call, valueVar)
        || isEmptyString(left) && refersTo(right, call, valueVar)) {
      return true;
    }
    if (okVar != null
        && (left.text().equals(okVar) && right.is("false")
            || right.text().equals(okVar) && left.is("false"))) {
      return true;
    }
    // len(v) == 0
    return right.is("int_literal")
        && right.text().equals("0")
        && left.is("call_expression")
        && GoFile.callName(left).equals("len")
        && argument(left, 0) != null
        && refersTo(argument(left, 0), call, valueVar);
  }

  static boolean refersTo(Node expr, Node call, String valueVar) {
    return expr == call
        || valueVar != null && expr.is("identifier") && expr.text().equals(valueVar);
  }

  static boolean isEmptyString(Node node) {
    return (node.is("interpreted_string_literal") || node.is("raw_string_literal"))
        && node.text().length() == 2;
  }

  /** Whether the call ends the process: log.Fatal*, log.Panic*, os.Exit, logger.Fatal*. */
  boolean isFatal(Node call) {
    Node function = call.child("function");
    if (function == null) {
      return false;
    }
    if (function.is("identifier")) {
      return function.text().equals("panic");
    }
    if (!function.is("selector_expression")) {
      return false;
    }
    String method = textOf(function.child("field"));
    String pkg = file.imports.get(textOf(function.child("operand")));
    if ("os".equals(pkg)) {
      return method.equals("Exit");
    }
    return method.startsWith("Fatal") || "log".equals(pkg) && method.startsWith("Panic");
  }

  /** A function reading the env var named by one of its parameters, returning a fallback. */
  record EnvHelper(int nameIndex, int fallbackIndex, boolean required) {}

  EnvHelper envHelper(Node fn) {
    if (file.envHelpers.containsKey(fn)) {
      return file.envHelpers.get(fn);
    }
    file.envHelpers.put(fn, null); // no recursion through itself
    List<String> names = GoHandlers.parameterNames(fn);
    EnvHelper helper = null;
    Node body = fn.child("body");
    if (body != null && !names.isEmpty()) {
      for (Node call : body.descendants("call_expression")) {
        if (!file.isPackageCall(call, "os", "Getenv")
            && !file.isPackageCall(call, "os", "LookupEnv")) {
          continue;
        }
        Node arg = argument(call, 0);
        int nameIndex = arg != null && arg.is("identifier") ? names.indexOf(arg.text()) : -1;
        if (nameIndex < 0) {
          continue;
        }
        EnvUse use = envUse(call);
        int fallbackIndex = -1;
        if (use.fallback != null && use.fallback.is("identifier")) {
          fallbackIndex = names.indexOf(use.fallback.text());
        }
        if (fallbackIndex < 0) {
          for (Node ret : body.descendants("return_statement")) {
            Node values = ret.namedChild(0);
            Node value =
                values == null
                    ? null
                    : values.is("expression_list") ? values.namedChild(0) : values;
            if (value != null
                && value.is("identifier")
                && names.indexOf(value.text()) >= 0
                && names.indexOf(value.text()) != nameIndex) {
              fallbackIndex = names.indexOf(value.text());
            }
          }
        }
        helper = new EnvHelper(nameIndex, fallbackIndex, use.required);
        break;
      }
    }
    file.envHelpers.put(fn, helper);
    return helper;
  }
}

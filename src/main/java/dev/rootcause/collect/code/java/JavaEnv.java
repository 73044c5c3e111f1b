package dev.rootcause.collect.code.java;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.textOf;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.AppFacts.EnvRead;

/**
 * The env vars a Java file reads ({@code System.getenv}, {@code getenv().getOrDefault}) and whether
 * absence is fatal.
 */
final class JavaEnv {
  private final JavaFile file;

  JavaEnv(JavaFile file) {
    this.file = file;
  }

  void readEnv(Node call, String name, EnvUse use) {
    if (name == null) {
      return;
    }
    String fallback = use.fallback == null ? null : file.evaluate(use.fallback, 0).literal();
    file.out.env(new EnvRead(name, use.required, fallback, file.out.at(call)));
  }

  /**
   * Spring's {@code @Value("${PAYMENT_API_URL}")}: a placeholder named like an env var (upper case)
   * is read from the environment, and without a {@code :default} the context fails to start when it
   * is unset. Dotted property names ({@code orders.currency}) are left alone: they are usually set
   * in application.yml.
   */
  void springValue(Node annotation) {
    Node args = annotation.child("arguments");
    Node literal = args == null ? null : args.firstOfType("string_literal");
    String text = literal == null ? null : file.constantString(literal);
    if (text == null || !text.startsWith("${") || !text.endsWith("}")) {
      return;
    }
    String inner = text.substring(2, text.length() - 1);
    int colon = inner.indexOf(':');
    String name = colon < 0 ? inner : inner.substring(0, colon);
    if (name.isEmpty()
        || !name.chars().allMatch(c -> c == '_' || Character.isDigit(c) || c >= 'A' && c <= 'Z')
        || Character.isDigit(name.charAt(0))) {
      return;
    }
    String fallback = colon < 0 ? null : inner.substring(colon + 1);
    file.out.env(new EnvRead(name, colon < 0, fallback, file.out.at(annotation)));
  }

  /** What the code does when the variable is unset: a fallback, or an exception or exit. */
  record EnvUse(boolean required, Node fallback) {}

  EnvUse envUse(Node call, Node fallback) {
    Node parent = call.parent();
    // Optional.ofNullable(System.getenv("X")).orElse("d") / .orElseThrow()
    if (parent != null && parent.is("argument_list") && parent.parent() != null) {
      Node wrapper = parent.parent();
      String wrapperName = textOf(wrapper.child("name"));
      if (wrapperName.equals("requireNonNull")) {
        return new EnvUse(true, null);
      }
      Node outer = wrapper.parent();
      if (wrapperName.equals("ofNullable")
          && outer != null
          && outer.is("method_invocation")
          && outer.child("object") == wrapper) {
        String then = textOf(outer.child("name"));
        if (then.equals("orElse")) {
          return new EnvUse(false, argument(outer, 0));
        }
        if (then.equals("orElseThrow") || then.equals("get")) {
          return new EnvUse(true, null);
        }
      }
    }
    String holder = null;
    if (parent != null && parent.is("variable_declarator")) {
      holder = textOf(parent.child("name"));
    } else if (parent != null && parent.is("assignment_expression")) {
      holder = textOf(parent.child("left"));
    }
    Node scope = call.ancestor("method_declaration", "constructor_declaration", "class_body");
    if (scope == null) {
      return new EnvUse(false, fallback);
    }
    boolean required = false;
    Node found = fallback;
    for (Node n : scope.descendants("if_statement")) {
      Node condition = n.child("condition");
      Node consequence = n.child("consequence");
      if (condition == null || consequence == null || !testsMissing(condition, call, holder)) {
        continue;
      }
      String target = holder;
      boolean[] fatal = {false};
      Node[] assigned = {null};
      consequence.visit(
          c -> {
            if (c.is("throw_statement")
                || c.is("method_invocation")
                    && textOf(c.child("name")).equals("exit")
                    && textOf(c.child("object")).equals("System")) {
              fatal[0] = true;
            }
            if (target != null
                && c.is("assignment_expression")
                && textOf(c.child("left")).equals(target)) {
              assigned[0] = c.child("right");
            }
            return true;
          });
      required |= fatal[0];
      if (assigned[0] != null) {
        found = assigned[0];
      }
    }
    if (holder != null && found == null) {
      for (Node ternary : scope.descendants("ternary_expression")) {
        Node fb = ternaryFallback(ternary, holder);
        if (fb != null) {
          found = fb;
        }
      }
    }
    return new EnvUse(required, found);
  }

  /** {@code v == null ? "d" : v} or {@code v != null ? v : "d"}: the branch taken when unset. */
  static Node ternaryFallback(Node ternary, String holder) {
    Node condition = unparen(ternary.child("condition"));
    if (condition == null || !condition.is("binary_expression")) {
      return null;
    }
    boolean isNull = condition.hasToken("==");
    if (!isNull && !condition.hasToken("!=")) {
      return null;
    }
    Node left = condition.child("left");
    Node right = condition.child("right");
    boolean testsHolder =
        left != null
            && right != null
            && (left.text().equals(holder) && right.is("null_literal")
                || right.text().equals(holder) && left.is("null_literal"));
    if (!testsHolder) {
      return null;
    }
    return isNull ? ternary.child("consequence") : ternary.child("alternative");
  }

  /** {@code v == null}, {@code v.isEmpty()}, {@code v.isBlank()}, joined by {@code ||}. */
  static boolean testsMissing(Node condition, Node call, String holder) {
    Node c = unparen(condition);
    if (c.is("binary_expression") && c.hasToken("||")) {
      return testsMissing(c.child("left"), call, holder)
          || testsMissing(c.child("right"), call, holder);
    }
    if (c.is("binary_expression") && c.hasToken("==")) {
      Node left = unparen(c.child("left"));
      Node right = unparen(c.child("right"));
      return left != null
          && right != null
          && (right.is("null_literal") && refersTo(left, call, holder)
              || left.is("null_literal") && refersTo(right, call, holder));
    }
    if (c.is("method_invocation")) {
      String name = textOf(c.child("name"));
      Node object = c.child("object");
      return (name.equals("isEmpty") || name.equals("isBlank"))
          && object != null
          && refersTo(unparen(object), call, holder);
    }
    return false;
  }

  static boolean refersTo(Node expr, Node call, String holder) {
    return expr == call || holder != null && expr.text().equals(holder);
  }
}

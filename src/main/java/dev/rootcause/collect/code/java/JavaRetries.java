package dev.rootcause.collect.code.java;

import static dev.rootcause.collect.code.Expressions.textOf;

import dev.rootcause.collect.code.ControlFlow;
import dev.rootcause.collect.code.Snippets;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.Hazard;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Java retry loops: a {@code for (;;)}, {@code while (true)} or counted loop whose body tries a
 * call, leaves the loop when it succeeds and swallows its exception to go round again, read for a
 * pause between attempts and a limit on them, as the Python, JavaScript and Go readers do.
 */
final class JavaRetries {
  static final ControlFlow FLOW =
      new ControlFlow(
          Set.of("for_statement", "while_statement", "do_statement", "enhanced_for_statement"),
          Set.of("method_declaration", "constructor_declaration", "lambda_expression"),
          Set.of(
              "if_statement",
              "catch_clause",
              "switch_expression",
              "ternary_expression",
              "conditional_expression"),
          "throw_statement");

  /**
   * Calls that pause or block the loop: sleeps ({@code Thread.sleep}, {@code TimeUnit.X.sleep},
   * Guava's {@code sleepUninterruptibly}), a backoff policy, {@code LockSupport.parkNanos}, or a
   * blocking read that waits for work ({@code queue.take()}, {@code poll(timeout)}).
   */
  private static final List<String> WAIT_WORDS =
      List.of("sleep", "backoff", "delay", "wait", "park");

  private static final Set<String> BLOCKING_READS =
      Set.of("take", "poll", "receive", "accept", "select", "await", "join");

  private static final Set<String> LOGGERS = Set.of("log", "logger", "system.out", "system.err");

  private final JavaFile file;

  JavaRetries(JavaFile file) {
    this.file = file;
  }

  void read() {
    for (String type : List.of("for_statement", "while_statement", "do_statement")) {
      for (Node loop : file.root.descendants(type)) {
        readLoop(loop);
      }
    }
  }

  private void readLoop(Node loop) {
    Node body = loop.child("body");
    if (body == null) {
      return;
    }
    Node fn = FLOW.enclosingFunction(loop);
    Node retried = null;
    for (String tryType : List.of("try_statement", "try_with_resources_statement")) {
      for (Node attempt : body.descendants(tryType)) {
        if (retried == null
            && FLOW.nearestLoop(attempt) == loop
            && FLOW.enclosingFunction(attempt) == fn) {
          retried = retriedCall(attempt, loop);
        }
      }
    }
    if (retried == null) {
      return;
    }
    boolean[] waits = {false};
    boolean[] capped = {comparesCount(loop.child("condition"))};
    body.walk(
        n -> !n.is("lambda_expression") && !n.is("class_body"),
        n -> {
          if (n.is("method_invocation") && pauses(n)) {
            waits[0] = true;
          } else if (n.is("if_statement")
              && comparesCount(n.child("condition"))
              && n.child("consequence") != null
              && FLOW.leaves(n.child("consequence"))) {
            capped[0] = true;
          }
        });
    if (waits[0] && capped[0]) {
      return;
    }
    Node object = retried.child("object");
    String callee =
        (object == null ? "" : Snippets.of(object) + ".") + textOf(retried.child("name"));
    file.out.hazard(
        new Hazard.RetryWithoutBackoff(
            routeOf(fn), file.out.at(loop), callee, waits[0], capped[0]));
  }

  /**
   * The call a try block retries: it calls something, leaves the loop on success (a return or a
   * break), and one of its catch clauses lets the loop go round again. A consumer loop that logs a
   * bad message and takes the next never leaves on success, so it is no retry.
   */
  private static Node retriedCall(Node attempt, Node loop) {
    Node tryBody = attempt.child("body");
    if (tryBody == null || !FLOW.leavesLoopFrom(tryBody, loop)) {
      return null;
    }
    Node call = null;
    for (Node c : tryBody.descendants("method_invocation")) {
      if (!LOGGERS.contains(textOf(c.child("object")).toLowerCase(Locale.ROOT))) {
        call = c;
        break;
      }
    }
    while (call != null
        && call.child("object") != null
        && call.child("object").is("method_invocation")) {
      call = call.child("object"); // client.send(..).body(): the send is what fails
    }
    if (call == null || BLOCKING_READS.contains(textOf(call.child("name")))) {
      return null; // queue.take() in a loop waits for work: a consumer, not a retry
    }
    boolean swallows = false;
    for (Node clause : attempt.namedChildren()) {
      if (!clause.is("catch_clause")) {
        continue;
      }
      Node block = clause.child("body");
      List<Node> statements =
          block == null
              ? List.of()
              : block.namedChildren().stream()
                  .filter(n -> !n.isAny("line_comment", "block_comment"))
                  .toList();
      Node last = statements.isEmpty() ? null : statements.get(statements.size() - 1);
      swallows |=
          last == null || !last.isAny("throw_statement", "return_statement", "break_statement");
    }
    return swallows ? call : null;
  }

  private static boolean pauses(Node call) {
    String name = textOf(call.child("name"));
    String lower = name.toLowerCase(Locale.ROOT);
    if (name.equals("onSpinWait")) {
      return false; // a CPU hint, no pause
    }
    for (String word : WAIT_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return BLOCKING_READS.contains(name);
  }

  /** {@code attempts++ < 5}, {@code attempt >= MAX_ATTEMPTS}: the loop counts its attempts. */
  private static boolean comparesCount(Node condition) {
    if (condition == null) {
      return false;
    }
    for (Node b : condition.descendants("binary_expression")) {
      if (b.hasToken("<") || b.hasToken("<=") || b.hasToken(">") || b.hasToken(">=")) {
        return true;
      }
    }
    return false;
  }

  /** The route of the handler the loop is in, or of a handler that calls its method directly. */
  private String routeOf(Node fn) {
    Node method = fn;
    while (method != null && !method.is("method_declaration")) {
      method = FLOW.enclosingFunction(method);
    }
    if (method == null) {
      return null;
    }
    JavaHandlers.Handler own = file.handlers.get(method);
    if (own != null) {
      return own.route();
    }
    String name = textOf(method.child("name"));
    for (JavaHandlers.Handler handler : file.handlerOrder) {
      for (Node n : file.handling.requestPath(handler)) {
        if (n.is("method_invocation")
            && n.child("object") == null
            && textOf(n.child("name")).equals(name)) {
          return handler.route();
        }
      }
    }
    return null;
  }
}

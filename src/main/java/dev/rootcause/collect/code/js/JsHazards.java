package dev.rootcause.collect.code.js;

import static dev.rootcause.collect.code.js.JsFile.argument;
import static dev.rootcause.collect.code.js.JsFile.calleeName;
import static dev.rootcause.collect.code.js.JsFile.enclosingFunction;
import static dev.rootcause.collect.code.js.JsFile.intValue;
import static dev.rootcause.collect.code.js.JsFile.literalText;
import static dev.rootcause.collect.code.js.JsFile.receiver;
import static dev.rootcause.collect.code.js.JsFile.unwrap;

import dev.rootcause.collect.code.Chance;
import dev.rootcause.collect.code.Delays;
import dev.rootcause.collect.code.Snippets;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.app.Hazard.Failure;
import dev.rootcause.model.app.Hazard.Failure.Outcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hazards of one JavaScript/TypeScript file: sleeps, dice-roll failures and ever-growing module
 * collections in request handlers (and the module functions they call directly), and retry loops
 * without backoff anywhere. Shared-state races are not looked for: Node runs handlers on one
 * thread.
 */
final class JsHazards {
  private static final Set<String> GROWERS = Set.of("push", "unshift", "add", "set");
  private static final Set<String> EVICTORS = Set.of("shift", "pop", "splice", "delete", "clear");
  private static final Pattern WAITS =
      Pattern.compile("(?i).*(sleep|backoff|delay|wait|setTimeout).*");

  private final JsFile file;
  private final Map<Node, String> helperRoutes = new HashMap<>();

  JsHazards(JsFile file) {
    this.file = file;
  }

  void find() {
    Set<String> growing = collectionsThatGrow();
    for (JsFile.Handler handler : file.handlers) {
      if (handler.route().equals("*")) {
        continue; // a catch-all middleware (404 page) is not a route to judge
      }
      for (Node fn : reachedFrom(handler.function())) {
        helperRoutes.putIfAbsent(fn, handler.route());
        fn.walk(
            n -> {
              switch (n.type()) {
                case "await_expression" -> awaitedSleep(n, fn, handler.route());
                case "call_expression" -> {
                  delayedResponse(n, handler);
                  growth(n, fn, handler.route(), growing);
                }
                case "if_statement", "ternary_expression" -> randomFailure(n, handler);
                case "assignment_expression" -> growthBySubscript(n, fn, handler.route(), growing);
                default -> {}
              }
            });
      }
    }
    file.loops.forEach(this::retry);
  }

  /** The handler and the module functions it calls by name. */
  private List<Node> reachedFrom(Node handler) {
    Set<Node> fns = new LinkedHashSet<>();
    fns.add(handler);
    handler.walk(
        n -> {
          if (n.is("call_expression")) {
            Node callee = unwrap(n.child("function"));
            if (callee != null
                && callee.is("identifier")
                && file.functions.containsKey(callee.text())
                && !isSleepHelper(file.functions.get(callee.text()))) {
              fns.add(file.functions.get(callee.text()));
            }
          }
        });
    return List.copyOf(fns);
  }

  private String routeOf(Node n) {
    for (Node fn = enclosingFunction(n); fn != null; fn = enclosingFunction(fn)) {
      String route = file.routeByFunction.get(fn);
      if (route == null) {
        route = helperRoutes.get(fn);
      }
      if (route != null) {
        return route.equals("*") ? null : route;
      }
    }
    return null;
  }

  // ---- Sleep ---------------------------------------------------------------------------------

  /**
   * {@code await new Promise(r => setTimeout(r, ms))}, {@code await sleep(ms)}, timers/promises.
   */
  private void awaitedSleep(Node await, Node fn, String route) {
    Node value = unwrap(await.namedChild(0));
    if (value == null || !isSleep(value) || JsFile.FLOW.insideRetryLoop(await, fn)) {
      return;
    }
    boolean call = value.is("call_expression");
    Node delay = call ? argument(value, 0) : timerDelay(value);
    file.out.hazard(
        Delays.sleep(
            route,
            file.out.at(await),
            Snippets.of(await),
            call ? Snippets.of(value.child("function")) : "setTimeout",
            delay == null ? null : delay.text(),
            Delays.Unit.MILLISECONDS,
            !JsFile.FLOW.conditional(await, fn),
            false));
  }

  /** {@code new Promise(r => setTimeout(r, 2000))}: the timer's delay, 2000. */
  private static Node timerDelay(Node promise) {
    for (Node n : promise.descendants("call_expression")) {
      if (calleeName(n).equals("setTimeout")) {
        return argument(n, 1);
      }
    }
    return null;
  }

  private boolean isSleep(Node e) {
    if (e.is("new_expression")) {
      Node ctor = e.child("constructor");
      return ctor != null && ctor.text().equals("Promise") && e.text().contains("setTimeout");
    }
    if (!e.is("call_expression")) {
      return false;
    }
    String q = file.qname(e.child("function"));
    if ("timers/promises.setTimeout".equals(q)
        || "timers.promises.setTimeout".equals(q)
        || "delay".equals(q)
        || "sleep-promise".equals(q)) {
      return true;
    }
    Node callee = unwrap(e.child("function"));
    if (callee == null || !callee.is("identifier")) {
      return false;
    }
    Node helper = file.functions.get(callee.text());
    if (helper == null) {
      helper = file.moduleValues.get(callee.text());
    }
    return helper != null && isSleepHelper(helper);
  }

  /**
   * A function that only waits: returns a Promise settled by setTimeout, or promisify(setTimeout).
   */
  private static boolean isSleepHelper(Node fn) {
    String text = fn.text();
    if (fn.is("call_expression")) {
      return calleeName(fn).equals("promisify") && text.contains("setTimeout");
    }
    return text.length() < 300 && text.contains("Promise") && text.contains("setTimeout");
  }

  /** {@code setTimeout(() => res.json(...), 3000)}: the response is sent only after the timer. */
  private void delayedResponse(Node call, JsFile.Handler handler) {
    if (!calleeName(call).equals("setTimeout")
        || receiver(call) != null
        || handler.response() == null) {
      return;
    }
    Node callback = argument(call, 0);
    if (callback != null
        && JsFile.FUNCTIONS.contains(callback.type())
        && callback.text().matches("(?s).*\\b" + Pattern.quote(handler.response()) + "\\s*\\..*")) {
      String delay = argument(call, 1) == null ? "0" : argument(call, 1).text();
      file.out.hazard(
          Delays.sleep(
              handler.route(),
              file.out.at(call),
              Snippets.shorten("setTimeout(..., " + delay + ")"),
              "setTimeout",
              delay,
              Delays.Unit.MILLISECONDS,
              true,
              true));
    }
  }

  // ---- Random failure ------------------------------------------------------------------------

  private void randomFailure(Node ifNode, JsFile.Handler handler) {
    Node cond = ifNode.child("condition");
    Node body = ifNode.child("consequence");
    if (cond == null || body == null) {
      return;
    }
    Chance chance = chance(cond, 0);
    if (chance == null || chance.probability() <= 0) {
      return;
    }
    Failure failure = failure(body, handler);
    if (failure == null) {
      return;
    }
    Node test = unwrap(cond);
    file.out.hazard(
        new Hazard.RandomFailure(
            handler.route(),
            file.out.at(ifNode),
            Snippets.of(test),
            test.isAny("call_expression", "identifier"),
            failure,
            chance.probability(),
            chance.envVar(),
            chance.trigger()));
  }

  private Chance chance(Node e, int depth) {
    Node n = unwrap(e);
    if (n == null) {
      return null;
    }
    if (n.is("unary_expression")
        && n.child("operator") != null
        && n.child("operator").text().equals("!")) {
      Chance inner = chance(n.child("argument"), depth);
      return inner == null ? null : inner.not();
    }
    if (n.is("identifier") && depth == 0) {
      Node value = file.resolve(n);
      return value == null ? null : chance(value, depth + 1);
    }
    if (!n.is("binary_expression") || n.child("operator") == null) {
      return null;
    }
    String op = n.child("operator").text();
    if (!Set.of("<", "<=", ">", ">=", "===", "==").contains(op)) {
      return null;
    }
    Node left = unwrap(n.child("left"));
    Node right = unwrap(n.child("right"));
    for (int side = 0; side < 2; side++) {
      Node roll = side == 0 ? left : right;
      Node other = side == 0 ? right : left;
      if (isMathRandom(roll)) {
        Chance threshold = threshold(other);
        return threshold == null ? null : Chance.uniform(threshold, op, side == 0);
      }
      Integer faces = dieFaces(roll);
      Integer k = intValue(other);
      if (faces != null && k != null && faces > 0) {
        return Chance.dice(0, faces - 1, op, k, side == 0);
      }
      Chance periodic = periodic(roll, k, op, side == 0);
      if (periodic != null) {
        return periodic;
      }
    }
    return null;
  }

  /** {@code Date.now() % 10 < 3}, {@code ++count % 5 === 0}: the clock or a counter modulo n. */
  private Chance periodic(Node value, Integer k, String op, boolean valueOnLeft) {
    if (value == null
        || k == null
        || !value.is("binary_expression")
        || value.child("operator") == null
        || !value.child("operator").text().equals("%")) {
      return null;
    }
    Integer modulus = intValue(value.child("right"));
    Node of = unwrap(value.child("left"));
    if (modulus == null || of == null) {
      return null;
    }
    Hazard.RandomFailure.Trigger trigger =
        isClock(of)
            ? Hazard.RandomFailure.Trigger.CLOCK
            : of.isAny("identifier", "member_expression", "update_expression")
                ? Hazard.RandomFailure.Trigger.COUNTER
                : null;
    return trigger == null ? null : Chance.periodic(modulus, op, k, valueOnLeft, trigger);
  }

  /** {@code Date.now()}, {@code new Date().getSeconds()}, {@code Math.floor(Date.now() / 1000)}. */
  private boolean isClock(Node n) {
    String text = n.text().replaceAll("\\s+", "");
    return text.matches(
        "(Math\\.(floor|round|trunc)\\()?(Date\\.now\\(\\)|newDate\\(\\)\\.get(Time|Seconds|Minutes|Milliseconds)\\(\\)|performance\\.now\\(\\)|process\\.uptime\\(\\))(/\\d+)?\\)?");
  }

  private boolean isMathRandom(Node n) {
    return n != null
        && n.is("call_expression")
        && "Math.random".equals(file.qname(n.child("function")));
  }

  /** {@code Math.floor(Math.random() * 10)}: a die with 10 faces, 0 to 9. */
  private Integer dieFaces(Node n) {
    if (n == null
        || !n.is("call_expression")
        || !"Math.floor".equals(file.qname(n.child("function")))) {
      return null;
    }
    Node product = argument(n, 0);
    if (product == null
        || !product.is("binary_expression")
        || product.child("operator") == null
        || !product.child("operator").text().equals("*")) {
      return null;
    }
    Node a = unwrap(product.child("left"));
    Node b = unwrap(product.child("right"));
    return isMathRandom(a) ? intValue(b) : isMathRandom(b) ? intValue(a) : null;
  }

  /** A rate: a number, or an env var whose default is not zero (a zero default is a switch). */
  private Chance threshold(Node e) {
    String literal = literalText(e);
    if (literal != null) {
      return Chance.parse(literal, null);
    }
    JsEnv.EnvRef env = file.env.envOf(e);
    if (env != null) {
      String def = env.defaultText();
      return def == null ? null : Chance.parse(def, env.name());
    }
    Node n = unwrap(e);
    if (n != null && n.is("identifier")) {
      Node value = file.resolve(n);
      return value == null || value.is("identifier") ? null : threshold(value);
    }
    return null;
  }

  /** How a branch fails the request: "throws Error", "answers 500", "passes an error to next". */
  private Failure failure(Node body, JsFile.Handler handler) {
    Failure[] found = {null};
    body.walk(
        n -> {
          if (found[0] != null) {
            return;
          }
          if (n.is("throw_statement")) {
            Node thrown = unwrap(n.namedChild(0));
            Node ctor =
                thrown != null && thrown.is("new_expression") ? thrown.child("constructor") : null;
            found[0] = new Failure(Outcome.THROWS, ctor == null ? null : ctor.text(), null);
          } else if (n.is("call_expression")) {
            Integer status = file.routing.callStatus(n, handler);
            if (status != null && status >= 500) {
              Node callee = unwrap(n.child("function"));
              found[0] =
                  callee != null && callee.is("identifier")
                      ? new Failure(Outcome.PASSES_ERROR, callee.text(), status)
                      : new Failure(Outcome.ANSWERS, null, status);
            }
          }
        });
    return found[0];
  }

  // ---- Unbounded growth ----------------------------------------------------------------------

  private Set<String> collectionsThatGrow() {
    Set<String> collections = new HashSet<>();
    file.moduleValues.forEach(
        (name, value) -> {
          if (value.isAny("array", "object") && value.namedChildren().isEmpty()) {
            collections.add(name);
          } else if (value.is("new_expression")
              && value.child("constructor") != null
              && Set.of("Map", "Set").contains(value.child("constructor").text())) {
            collections.add(name);
          }
        });
    if (collections.isEmpty()) {
      return collections;
    }
    for (Node call : file.calls) {
      Node target = receiver(call);
      if (target != null && EVICTORS.contains(calleeName(call))) {
        collections.remove(target.text());
      }
    }
    for (Node a : file.assignments) {
      Node left = unwrap(a.child("left"));
      if (left == null) {
        continue;
      }
      if (left.is("identifier") && enclosingFunction(a) != null) {
        collections.remove(left.text()); // reset inside a function
      } else if (left.is("member_expression")
          && left.child("property") != null
          && left.child("property").text().equals("length")) {
        collections.remove(left.child("object").text());
      }
    }
    for (Node u : file.unaries) {
      Node op = u.child("operator");
      Node arg = unwrap(u.child("argument"));
      if (op != null
          && op.text().equals("delete")
          && arg != null
          && arg.is("subscript_expression")) {
        collections.remove(arg.child("object").text());
      }
    }
    for (Node b : file.comparisons) {
      Node op = b.child("operator");
      if (op != null && Set.of("<", "<=", ">", ">=").contains(op.text())) {
        for (Node side : List.of(b.child("left"), b.child("right"))) {
          Node s = unwrap(side);
          if (s != null
              && s.is("member_expression")
              && s.child("property") != null
              && Set.of("length", "size").contains(s.child("property").text())) {
            collections.remove(s.child("object").text()); // a size check bounds it
          }
        }
      }
    }
    return collections;
  }

  private void growth(Node call, Node fn, String route, Set<String> growing) {
    Node target = receiver(call);
    String method = calleeName(call);
    if (target == null
        || !target.is("identifier")
        || !growing.contains(target.text())
        || !GROWERS.contains(method)
        || shadowed(target, fn)) {
      return;
    }
    if (method.equals("set") && literalText(argument(call, 0)) != null) {
      return; // a fixed key is overwritten, not added
    }
    file.out.hazard(
        new Hazard.UnboundedGrowth(
            route,
            file.out.at(call),
            target.text(),
            Snippets.shorten(target.text() + "." + method + "(...)"),
            false));
  }

  private void growthBySubscript(Node assignment, Node fn, String route, Set<String> growing) {
    Node left = unwrap(assignment.child("left"));
    if (left == null || !left.is("subscript_expression")) {
      return;
    }
    Node object = unwrap(left.child("object"));
    Node key = left.child("index");
    if (object != null
        && object.is("identifier")
        && growing.contains(object.text())
        && key != null
        && literalText(key) == null
        && !shadowed(object, fn)) {
      file.out.hazard(
          new Hazard.UnboundedGrowth(
              route, file.out.at(assignment), object.text(), Snippets.of(left), true));
    }
  }

  private boolean shadowed(Node id, Node fn) {
    for (Node f = enclosingFunction(id); f != null; f = enclosingFunction(f)) {
      if (file.localValues(f).containsKey(id.text())) {
        return true;
      }
      if (f == fn) {
        break;
      }
    }
    return false;
  }

  // ---- Retries -------------------------------------------------------------------------------

  private void retry(Node loop) {
    Node body = loop.child("body");
    if (body == null) {
      return;
    }
    Node fn = enclosingFunction(loop);
    Node retried = null;
    for (Node attempt : body.descendants("try_statement")) {
      if (JsFile.FLOW.nearestLoop(attempt) != loop || enclosingFunction(attempt) != fn) {
        continue;
      }
      retried = retriedCall(attempt, loop);
      if (retried != null) {
        break;
      }
    }
    if (retried == null) {
      return;
    }
    boolean[] waits = {false};
    boolean[] capped = {loop.is("for_in_statement")};
    Node cond = loop.child("condition");
    if (cond != null && hasComparison(cond)) {
      capped[0] = true;
    }
    body.walk(
        n -> {
          if (n.is("call_expression") && WAITS.matcher(calleeName(n)).matches()) {
            waits[0] = true;
          } else if (n.is("if_statement")
              && n.child("condition") != null
              && hasComparison(n.child("condition"))
              && n.child("consequence") != null
              && JsFile.FLOW.leaves(n.child("consequence"))) {
            capped[0] = true;
          }
        });
    if (waits[0] && capped[0]) {
      return;
    }
    Node callee = unwrap(retried.child("function"));
    file.out.hazard(
        new Hazard.RetryWithoutBackoff(
            routeOf(loop),
            file.out.at(loop),
            callee == null ? null : Snippets.of(callee),
            waits[0],
            capped[0]));
  }

  /**
   * The call a try block retries: it must call something, leave the loop on success, and its catch
   * must let the loop go round again (a loop over items that skips bad ones leaves only at the
   * end).
   */
  private static Node retriedCall(Node attempt, Node loop) {
    Node tryBody = attempt.child("body");
    Node handler = attempt.child("handler");
    if (tryBody == null || handler == null) {
      return null;
    }
    Node call = null;
    for (Node c : tryBody.descendants("call_expression")) {
      Node parent = c.parent();
      if (parent != null && parent.is("await_expression")) {
        call = c;
        break;
      }
      if (call == null && !c.text().startsWith("console.")) {
        call = c;
      }
    }
    if (call == null || !JsFile.FLOW.leavesLoopFrom(tryBody, loop)) {
      return null;
    }
    Node catchBody = handler.child("body");
    List<Node> statements = catchBody == null ? List.of() : catchBody.namedChildren();
    Node last = statements.isEmpty() ? null : statements.get(statements.size() - 1);
    boolean swallows =
        last == null || !last.isAny("throw_statement", "return_statement", "break_statement");
    return swallows ? call : null;
  }

  private static boolean hasComparison(Node cond) {
    for (Node b : cond.descendants("binary_expression")) {
      Node op = b.child("operator");
      if (op != null && Set.of("<", "<=", ">", ">=").contains(op.text())) {
        return true;
      }
    }
    return false;
  }
}

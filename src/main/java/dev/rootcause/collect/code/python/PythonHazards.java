package dev.rootcause.collect.code.python;

import static dev.rootcause.collect.code.python.PythonFile.calleeName;
import static dev.rootcause.collect.code.python.PythonFile.enclosingFunction;
import static dev.rootcause.collect.code.python.PythonFile.intValue;
import static dev.rootcause.collect.code.python.PythonFile.literalText;
import static dev.rootcause.collect.code.python.PythonFile.positional;
import static dev.rootcause.collect.code.python.PythonFile.walkBody;

import dev.rootcause.collect.code.Chance;
import dev.rootcause.collect.code.Delays;
import dev.rootcause.collect.code.Snippets;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.app.Hazard.Failure;
import dev.rootcause.model.app.Hazard.Failure.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hazards of one Python file: what its request handlers (and the module functions they call
 * directly) do that hurts latency or correctness, and file-wide mistakes (retries without backoff,
 * {@code json.loads} on a file object, shared state read outside its lock).
 */
final class PythonHazards {
  private static final Set<String> SLEEPS =
      Set.of("time.sleep", "asyncio.sleep", "gevent.sleep", "trio.sleep", "eventlet.sleep");
  private static final Set<String> GROWERS =
      Set.of("append", "extend", "add", "insert", "update", "setdefault", "appendleft");
  private static final Set<String> EVICTORS =
      Set.of("pop", "popleft", "popitem", "clear", "remove", "discard", "__delitem__");
  private static final Set<String> COLLECTION_FACTORIES =
      Set.of(
          "list",
          "dict",
          "set",
          "collections.defaultdict",
          "collections.OrderedDict",
          "collections.Counter",
          "collections.deque");
  private static final Set<String> JSON_LOADS =
      Set.of("json.loads", "ujson.loads", "orjson.loads", "simplejson.loads");
  private static final Set<String> OPENERS = Set.of("open", "io.open", "codecs.open");
  private static final Set<String> LOCKS =
      Set.of("threading.Lock", "threading.RLock", "multiprocessing.Lock", "multiprocessing.RLock");
  private static final Pattern WAITS =
      Pattern.compile("(?i).*(sleep|backoff|delay|wait)(?<!wait_for)$");

  private final PythonFile file;
  private final Map<Node, String> helperRoutes = new HashMap<>();

  PythonHazards(PythonFile file) {
    this.file = file;
  }

  void find() {
    Set<String> growing = collectionsThatGrow();
    for (PythonFile.Handler handler : file.handlers) {
      List<Node> reached = reachedFrom(handler.function());
      reached.forEach(fn -> helperRoutes.putIfAbsent(fn, handler.route()));
      for (Node fn : reached) {
        walkBody(
            fn,
            n -> {
              if (n.is("call")) {
                sleep(n, fn, handler.route());
                growth(n, fn, handler.route(), growing);
              } else if (n.isAny("if_statement", "elif_clause")) {
                randomFailure(n, handler.route());
              } else if (n.is("assignment")) {
                growthBySubscript(n, fn, handler.route(), growing);
              }
            });
      }
    }
    file.loops.forEach(this::retry);
    jsonLoadsOnFile();
    sharedState();
  }

  /** The handler and the module functions it calls by name: one level, enough for helpers. */
  private List<Node> reachedFrom(Node handler) {
    Set<Node> fns = new LinkedHashSet<>();
    fns.add(handler);
    walkBody(
        handler,
        n -> {
          if (n.is("call") && n.child("function") != null && n.child("function").is("identifier")) {
            Node helper = file.functions.get(n.child("function").text());
            if (helper != null) {
              fns.add(helper);
            }
          }
        });
    return List.copyOf(fns);
  }

  /** The route a piece of code serves: its handler's, or a handler's that calls its function. */
  private String routeOf(Node n) {
    Node fn = enclosingFunction(n);
    if (fn == null) {
      return null;
    }
    String direct = file.routeByFunction.get(fn);
    return direct != null ? direct : helperRoutes.get(fn);
  }

  // ---- Sleep ---------------------------------------------------------------------------------

  private void sleep(Node call, Node fn, String route) {
    String q = file.qname(call.child("function"));
    if (q == null || !SLEEPS.contains(q)) {
      return;
    }
    Node seconds = positional(call, 0);
    if (seconds != null && "0".equals(literalText(seconds))) {
      return; // sleep(0) yields to other tasks; it does not delay the response
    }
    if (PythonFile.FLOW.insideRetryLoop(call, fn)) {
      return; // a pause between attempts is backoff, app/retry-without-backoff's business
    }
    file.out.hazard(
        Delays.sleep(
            route,
            file.out.at(call),
            Snippets.of(call),
            q,
            seconds == null ? null : seconds.text(),
            Delays.Unit.SECONDS,
            !PythonFile.FLOW.conditional(call, fn),
            false));
  }

  // ---- Random failure ------------------------------------------------------------------------

  private void randomFailure(Node ifNode, String route) {
    Node cond = ifNode.child("condition");
    Node body = ifNode.child("consequence");
    if (cond == null || body == null) {
      return;
    }
    Chance chance = chance(cond, 0);
    if (chance == null || chance.probability() <= 0) {
      return;
    }
    Failure failure = failure(body);
    if (failure == null) {
      return;
    }
    file.out.hazard(
        new Hazard.RandomFailure(
            route,
            file.out.at(ifNode),
            Snippets.of(cond),
            cond.isAny("call", "identifier"),
            failure,
            chance.probability(),
            chance.envVar(),
            chance.trigger()));
  }

  private Chance chance(Node e, int depth) {
    switch (e.type()) {
      case "parenthesized_expression" -> {
        return e.namedChild(0) == null ? null : chance(e.namedChild(0), depth);
      }
      case "not_operator" -> {
        Chance inner = e.child("argument") == null ? null : chance(e.child("argument"), depth);
        return inner == null ? null : inner.not();
      }
      case "call" -> {
        String q = file.qname(e.child("function"));
        if ("random.choice".equals(q)) {
          Node options = positional(e, 0);
          if (options != null
              && options.isAny("list", "tuple")
              && !options.namedChildren().isEmpty()) {
            List<Node> items = options.namedChildren();
            long truthy = items.stream().filter(PythonHazards::truthyLiteral).count();
            boolean allLiterals = items.stream().allMatch(i -> i.isAny("true", "false", "integer"));
            return allLiterals ? new Chance((double) truthy / items.size(), null) : null;
          }
        } else if ("random.getrandbits".equals(q) && "1".equals(literalText(positional(e, 0)))) {
          return new Chance(0.5, null);
        }
        return null;
      }
      case "comparison_operator" -> {
        return comparison(e);
      }
      case "identifier" -> {
        Node value = depth == 0 ? file.resolve(e) : null;
        return value == null ? null : chance(value, depth + 1);
      }
      default -> {
        return null;
      }
    }
  }

  private static boolean truthyLiteral(Node n) {
    return n.is("true") || n.is("integer") && !n.text().equals("0");
  }

  private Chance comparison(Node e) {
    List<Node> operands = e.namedChildren();
    Node opNode = e.child("operators");
    if (operands.size() != 2 || opNode == null) {
      return null;
    }
    String op = opNode.text();
    for (int side = 0; side < 2; side++) {
      Node roll = operands.get(side);
      Node other = operands.get(1 - side);
      String q = roll.is("call") ? file.qname(roll.child("function")) : null;
      if ("random.random".equals(q)) {
        Chance threshold = threshold(other);
        return threshold == null ? null : Chance.uniform(threshold, op, side == 0);
      }
      if ("random.randint".equals(q)) {
        Integer lo = intValue(positional(roll, 0));
        Integer hi = intValue(positional(roll, 1));
        Integer k = intValue(other);
        return lo == null || hi == null || k == null ? null : Chance.dice(lo, hi, op, k, side == 0);
      }
      Chance periodic = periodic(roll, other, op, side == 0);
      if (periodic != null) {
        return periodic;
      }
    }
    return null;
  }

  private static final Set<String> CLOCKS =
      Set.of("time.time", "time.monotonic", "time.time_ns", "time.perf_counter");

  /** {@code time.time() % 10 < 3}, {@code counter % 5 == 0}: the clock or a counter modulo n. */
  private Chance periodic(Node value, Node other, String op, boolean valueOnLeft) {
    Node e = value;
    while (e != null && e.is("parenthesized_expression")) {
      e = e.namedChild(0);
    }
    Integer k = intValue(other);
    if (e == null
        || k == null
        || !e.is("binary_operator")
        || e.child("operator") == null
        || !e.child("operator").text().equals("%")) {
      return null;
    }
    Integer modulus = intValue(e.child("right"));
    Node of = e.child("left");
    if (modulus == null || of == null) {
      return null;
    }
    if (of.is("call") && "int".equals(PythonFile.calleeName(of)) && positional(of, 0) != null) {
      of = positional(of, 0);
    }
    String q = of.is("call") ? file.qname(of.child("function")) : null;
    Hazard.RandomFailure.Trigger trigger =
        q != null && CLOCKS.contains(q)
            ? Hazard.RandomFailure.Trigger.CLOCK
            : of.isAny("identifier", "attribute", "subscript")
                ? Hazard.RandomFailure.Trigger.COUNTER
                : null;
    return trigger == null ? null : Chance.periodic(modulus, op, k, valueOnLeft, trigger);
  }

  /**
   * A failure rate: a number, or an env var with a non-zero default. A rate that is zero unless the
   * environment sets it is a switch, not a fault: k8s/fault-injection-enabled judges its value.
   */
  private Chance threshold(Node e) {
    String literal = literalText(e);
    if (literal != null) {
      return Chance.parse(literal, null);
    }
    PythonEnv.EnvRef env = file.env.envOf(e);
    if (env != null) {
      String def = env.defaultText();
      return def == null ? null : Chance.parse(def, env.name());
    }
    if (e.is("identifier")) {
      Node value = file.resolve(e);
      return value == null || value.is("identifier") ? null : threshold(value);
    }
    return null;
  }

  /**
   * How a block fails the request, if it does: "raises Exception", "returns 500", "aborts with
   * 503".
   */
  private Failure failure(Node block) {
    Failure[] found = {null};
    walkBody(
        block,
        n -> {
          if (found[0] != null) {
            return;
          }
          if (n.is("raise_statement")) {
            Integer http = file.routing.httpErrorStatus(n);
            if (http == null || http >= 500) {
              Node raised = n.namedChild(0);
              String type =
                  raised == null ? null : raised.is("call") ? calleeName(raised) : raised.text();
              found[0] =
                  http == null
                      ? new Failure(Outcome.RAISES, type, null)
                      : new Failure(Outcome.ANSWERS, null, http);
            }
          } else if (n.is("return_statement")) {
            Integer status = file.routing.returnStatus(n, null);
            if (status != null && status >= 500) {
              found[0] = new Failure(Outcome.RETURNS, null, status);
            }
          } else if (n.is("call") && calleeName(n).equals("abort")) {
            Integer status = file.routing.statusCode(positional(n, 0));
            if (status != null && status >= 500) {
              found[0] = new Failure(Outcome.ABORTS, null, status);
            }
          }
        });
    return found[0];
  }

  // ---- Unbounded growth ----------------------------------------------------------------------

  /** Module-level collections something adds to and nothing removes from (or bounds by size). */
  private Set<String> collectionsThatGrow() {
    Set<String> collections = new HashSet<>();
    file.moduleValues.forEach(
        (name, value) -> {
          if (value.isAny("list", "dictionary", "set")) {
            collections.add(name);
          } else if (value.is("call")) {
            String q = file.qname(value.child("function"));
            boolean bounded =
                "collections.deque".equals(q)
                    && (PythonFile.kwarg(value, "maxlen") != null || positional(value, 1) != null);
            if (q != null && COLLECTION_FACTORIES.contains(q) && !bounded) {
              collections.add(name);
            }
          }
        });
    if (collections.isEmpty()) {
      return collections;
    }
    for (Node call : file.calls) {
      Node fn = call.child("function");
      if (fn != null
          && fn.is("attribute")
          && fn.child("object") != null
          && EVICTORS.contains(calleeName(call))) {
        collections.remove(fn.child("object").text());
      }
      if ("len".equals(file.qname(fn))
          && call.parent() != null
          && call.parent().is("comparison_operator")
          && positional(call, 0) != null) {
        collections.remove(positional(call, 0).text()); // a size check bounds it
      }
    }
    for (Node del : file.deletes) {
      for (Node target : del.namedChildren()) {
        Node base = target.is("subscript") ? target.child("value") : target;
        if (base != null) {
          collections.remove(base.text());
        }
      }
    }
    for (Node a : file.assignments) {
      Node left = a.child("left");
      if (left == null) {
        continue;
      }
      if (left.is("subscript")
          && left.child("subscript") != null
          && left.child("subscript").is("slice")) {
        collections.remove(left.child("value").text());
      } else if (left.is("identifier") && enclosingFunction(a) != null) {
        collections.remove(left.text()); // rebound (reset) inside a function
      }
    }
    return collections;
  }

  private void growth(Node call, Node fn, String route, Set<String> growing) {
    Node target = call.child("function");
    if (target == null || !target.is("attribute") || !GROWERS.contains(calleeName(call))) {
      return;
    }
    Node object = target.child("object");
    if (object != null
        && object.is("identifier")
        && growing.contains(object.text())
        && !file.localValues(fn).containsKey(object.text())) {
      file.out.hazard(
          new Hazard.UnboundedGrowth(
              route, file.out.at(call), object.text(), Snippets.of(call), false));
    }
  }

  private void growthBySubscript(Node assignment, Node fn, String route, Set<String> growing) {
    Node left = assignment.child("left");
    if (left == null || !left.is("subscript") || left.child("value") == null) {
      return;
    }
    Node object = left.child("value");
    Node key = left.child("subscript");
    if (object.is("identifier")
        && growing.contains(object.text())
        && key != null
        && literalText(key) == null
        && !file.localValues(fn).containsKey(object.text())) {
      file.out.hazard(
          new Hazard.UnboundedGrowth(
              route, file.out.at(assignment), object.text(), Snippets.of(left), true));
    }
  }

  // ---- Retries -------------------------------------------------------------------------------

  private void retry(Node loop) {
    Node fn = enclosingFunction(loop);
    Node body = loop.child("body");
    if (body == null) {
      return;
    }
    Node retried = null;
    for (Node attempt : body.descendants("try_statement")) {
      if (PythonFile.FLOW.nearestLoop(attempt) != loop || enclosingFunction(attempt) != fn) {
        continue;
      }
      Node call = retriedCall(attempt, loop);
      if (call != null) {
        retried = call;
        break;
      }
    }
    if (retried == null) {
      return;
    }
    boolean[] waits = {false};
    boolean[] capped = {loop.is("for_statement") && !unboundedIterable(loop.child("right"))};
    Node cond = loop.child("condition");
    if (cond != null && containsComparison(cond)) {
      capped[0] = true;
    }
    walkBody(
        body,
        n -> {
          if (n.is("call") && WAITS.matcher(calleeName(n)).matches()) {
            waits[0] = true;
          } else if (n.isAny("if_statement", "elif_clause")
              && n.child("condition") != null
              && containsComparison(n.child("condition"))
              && n.child("consequence") != null
              && PythonFile.FLOW.leaves(n.child("consequence"))) {
            capped[0] = true;
          }
        });
    if (waits[0] && capped[0]) {
      return;
    }
    Node callee = retried.child("function");
    file.out.hazard(
        new Hazard.RetryWithoutBackoff(
            routeOf(loop),
            file.out.at(loop),
            callee == null ? null : Snippets.of(callee),
            waits[0],
            capped[0]));
  }

  /**
   * The call a try block retries: the try must call something, leave the loop on success (return or
   * break), and have an except clause that lets the loop go round again. A loop over items that
   * logs and skips a bad one is not a retry: it never leaves early on success.
   */
  private static Node retriedCall(Node attempt, Node loop) {
    Node tryBody = attempt.child("body");
    if (tryBody == null) {
      return null;
    }
    Node call = tryBody.descendants("call").stream().findFirst().orElse(null);
    if (call == null) {
      return null;
    }
    boolean exitsOnSuccess = PythonFile.FLOW.leavesLoopFrom(tryBody, loop);
    Node orElse = attempt.firstOfType("else_clause");
    exitsOnSuccess |= orElse != null && PythonFile.FLOW.leavesLoopFrom(orElse, loop);
    boolean swallows = false;
    for (Node handler : attempt.children()) {
      if (handler.is("except_clause")) {
        Node block = handler.firstOfType("block");
        Node last =
            block == null || block.namedChildren().isEmpty()
                ? null
                : block.namedChildren().get(block.namedChildren().size() - 1);
        swallows |=
            last == null || !last.isAny("raise_statement", "return_statement", "break_statement");
      }
    }
    return exitsOnSuccess && swallows ? call : null;
  }

  private boolean unboundedIterable(Node iterable) {
    if (iterable == null || !iterable.is("call")) {
      return false;
    }
    String q = file.qname(iterable.child("function"));
    return "itertools.count".equals(q)
        || "itertools.cycle".equals(q)
        || "itertools.repeat".equals(q) && positional(iterable, 1) == null;
  }

  private static boolean containsComparison(Node cond) {
    for (Node c : cond.descendants("comparison_operator")) {
      Node op = c.child("operators");
      if (op != null && Set.of("<", "<=", ">", ">=").contains(op.text())) {
        return true;
      }
    }
    return false;
  }

  // ---- json.loads on a file object ------------------------------------------------------------

  private void jsonLoadsOnFile() {
    for (Node call : file.calls) {
      String q = file.qname(call.child("function"));
      if (q == null || !JSON_LOADS.contains(q)) {
        continue;
      }
      Node arg = positional(call, 0);
      Node opened = arg == null ? null : openCall(arg);
      if (opened != null) {
        file.out.hazard(
            new Hazard.JsonLoadsOnFile(
                routeOf(call),
                file.out.at(call),
                Snippets.of(call),
                Snippets.of(opened),
                opened.line()));
      }
    }
  }

  /** The {@code open(...)} call an expression is the result of, directly or through one name. */
  private Node openCall(Node e) {
    if (e.is("call")) {
      String q = file.qname(e.child("function"));
      return q != null && OPENERS.contains(q) || calleeName(e).equals("open") && q == null
          ? e
          : null;
    }
    if (e.is("identifier")) {
      Node fn = enclosingFunction(e);
      Node value = fn != null ? file.localValues(fn).get(e.text()) : null;
      if (value == null) {
        value = file.moduleValues.get(e.text());
      }
      return value != null && value.is("call") ? openCall(value) : null;
    }
    return null;
  }

  // ---- Shared state and its lock ---------------------------------------------------------------

  private void sharedState() {
    Set<String> locks = new HashSet<>();
    file.moduleValues.forEach(
        (name, value) -> {
          if (value.is("call")
              && LOCKS.contains(String.valueOf(file.qname(value.child("function"))))) {
            locks.add(name);
          }
        });
    if (locks.isEmpty()) {
      return;
    }
    Map<String, Node> guardedWrites = new LinkedHashMap<>();
    List<Node> guardedBlocks = new ArrayList<>();
    for (Node with : file.withStatements) {
      if (with.descendants("with_item").stream()
          .map(i -> i.child("value"))
          .anyMatch(v -> v != null && locks.contains(v.text()))) {
        guardedBlocks.add(with);
        Node body = with.child("body");
        if (body != null) {
          walkBody(
              body,
              n -> {
                String written = writtenGlobal(n);
                if (written != null) {
                  guardedWrites.putIfAbsent(written, n);
                }
              });
        }
      }
    }
    if (guardedWrites.isEmpty()) {
      return;
    }
    for (Node fn : file.functionDefs) {
      boolean acquires =
          fn.descendants("call").stream().anyMatch(c -> calleeName(c).equals("acquire"));
      if (acquires) {
        continue; // lock.acquire()/release() pairs: too free-form to judge
      }
      Set<String> reported = new HashSet<>();
      walkBody(
          fn,
          n -> {
            if (!n.is("identifier")
                || !guardedWrites.containsKey(n.text())
                || reported.contains(n.text())
                || !isReference(n)
                || file.localValues(fn).containsKey(n.text()) && !declaresGlobal(fn, n.text())) {
              return;
            }
            for (Node block : guardedBlocks) {
              if (block.contains(n)) {
                return;
              }
            }
            reported.add(n.text());
            Node write = guardedWrites.get(n.text());
            boolean written = writtenGlobal(n.parent()) != null || isWriteTarget(n);
            file.out.hazard(
                new Hazard.UnguardedSharedState(
                    routeOf(n), file.out.at(n), n.text(), write.line(), written));
          });
    }
  }

  /**
   * The module-level name a statement changes: {@code x += 1}, {@code x[k] = v}, {@code
   * x.append()}.
   */
  private String writtenGlobal(Node n) {
    if (n == null) {
      return null;
    }
    Node target = null;
    if (n.isAny("assignment", "augmented_assignment")) {
      Node left = n.child("left");
      target = left != null && left.is("subscript") ? left.child("value") : left;
    } else if (n.is("call")
        && n.child("function") != null
        && n.child("function").is("attribute")
        && GROWERS.contains(calleeName(n))) {
      target = n.child("function").child("object");
    }
    return target != null && target.is("identifier") && file.moduleValues.containsKey(target.text())
        ? target.text()
        : null;
  }

  private static boolean isWriteTarget(Node id) {
    Node parent = id.parent();
    return parent != null
        && parent.isAny("assignment", "augmented_assignment")
        && "left".equals(id.field());
  }

  private static boolean isReference(Node id) {
    Node parent = id.parent();
    if (parent == null) {
      return false;
    }
    return !(parent.is("attribute") && "attribute".equals(id.field())
        || parent.is("keyword_argument") && "name".equals(id.field())
        || parent.isAny(
            "global_statement",
            "nonlocal_statement",
            "parameters",
            "function_definition",
            "import_statement",
            "import_from_statement",
            "dotted_name"));
  }

  private static boolean declaresGlobal(Node fn, String name) {
    for (Node g : fn.descendants("global_statement")) {
      for (Node id : g.namedChildren()) {
        if (id.text().equals(name)) {
          return true;
        }
      }
    }
    return false;
  }
}

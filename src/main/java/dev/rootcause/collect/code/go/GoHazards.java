package dev.rootcause.collect.code.go;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.textOf;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.code.Delays;
import dev.rootcause.collect.code.Periodic;
import dev.rootcause.collect.code.Snippets;
import dev.rootcause.collect.code.Trees;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.app.Hazard.RandomFailure.Trigger;
import dev.rootcause.model.app.HealthPaths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The hazards in Go handlers: sleeps, random failures, unhealthy health checks, package-level state
 * grown or shared without a lock, and retry loops without backoff.
 */
final class GoHazards {
  private final GoFile file;

  GoHazards(GoFile file) {
    this.file = file;
  }

  void readHandler(GoHandlers.Handler handler) {
    String route = handler.route();
    List<Node> nodes = file.handling.requestPath(handler);
    Set<String> locals = file.localNames(handler.fn);
    for (Node n : nodes) {
      switch (n.type()) {
        case "call_expression" -> {
          if (file.isPackageCall(n, "time", "Sleep")) {
            file.out.hazard(
                Delays.sleep(
                    route,
                    file.out.at(n),
                    Snippets.of(n),
                    "time.Sleep",
                    textOf(argument(n, 0)),
                    Delays.Unit.NANOSECONDS,
                    true,
                    false));
          }
        }
        case "unary_expression" -> {
          Node operand = n.child("operand");
          if (n.hasToken("<-")
              && operand != null
              && operand.is("call_expression")
              && file.isPackageCall(operand, "time", "After")
              && n.ancestor("select_statement") == null) {
            file.out.hazard(
                Delays.sleep(
                    route,
                    file.out.at(n),
                    Snippets.of(n),
                    "time.After",
                    textOf(argument(operand, 0)),
                    Delays.Unit.NANOSECONDS,
                    true,
                    false));
          }
        }
        case "if_statement" -> readRandomFailure(n, handler, route);
        default -> {}
      }
    }
    readSharedState(handler, nodes, locals, route);
    if (route != null && HealthPaths.isHealthCheck(route)) {
      List<Integer> codes = file.handling.statuses(handler);
      boolean allFail = !codes.isEmpty() && codes.stream().allMatch(c -> c >= 500);
      if (allFail && !handler.implicitOk && !handler.opaque && !handler.unreadable) {
        Node at = firstStatusCall(nodes, handler);
        file.out.hazard(
            new Hazard.HealthAlwaysFails(route, file.out.at(at == null ? handler.fn : at), codes));
      }
    }
  }

  Node firstStatusCall(List<Node> nodes, GoHandlers.Handler handler) {
    for (Node n : nodes) {
      if (n.is("call_expression") && file.handling.isStatusCall(n, handler)) {
        return n;
      }
      if (n.is("return_statement") && handler.style == GoHandlers.Style.ECHO) {
        return n;
      }
    }
    return null;
  }

  /** {@code if rand.Float64() < 0.3 { http.Error(w, "boom", 500) }}: failure on purpose. */
  void readRandomFailure(Node ifStatement, GoHandlers.Handler handler, String route) {
    Node condition = ifStatement.child("condition");
    Node consequence = ifStatement.child("consequence");
    if (condition == null || consequence == null) {
      return;
    }
    Node random =
        Trees.first(
            condition,
            n ->
                n.is("call_expression")
                    && isRandomCall(n)
                    && n.ancestor("binary_expression") != null);
    Periodic.Found periodic =
        random == null ? Periodic.find(condition, this::clockOrCounter) : null;
    if (random == null && periodic == null) {
      return;
    }
    boolean fails =
        Trees.any(
            consequence,
            "func_literal",
            n -> {
              if (n.is("call_expression")) {
                return file.handling.statusCodes(n, handler).stream()
                        .anyMatch(c -> c != null && c >= 500)
                    || file.env.isFatal(n)
                    || n.child("function") != null
                        && n.child("function").is("identifier")
                        && n.child("function").text().equals("panic");
              }
              if (n.is("return_statement") && handler.style == GoHandlers.Style.ECHO) {
                Integer code = file.handling.echoReturnStatus(n, handler);
                return code != null && code >= 500;
              }
              return false;
            });
    if (fails) {
      file.out.hazard(
          new Hazard.RandomFailure(
              route,
              file.out.at(random != null ? random : periodic.at()),
              Snippets.of(condition),
              condition.is("call_expression") || condition.is("identifier"),
              new Hazard.Failure(Hazard.Failure.Outcome.FAILS, null, null),
              periodic == null ? null : periodic.chance().probability(),
              null,
              periodic == null ? Trigger.DICE : periodic.chance().trigger()));
    }
  }

  private static final Set<String> CLOCK_READS =
      Set.of("Unix", "UnixMilli", "UnixNano", "UnixMicro", "Second", "Nanosecond", "Minute");

  private static final Set<String> ATOMIC_COUNTS =
      Set.of(
          "AddInt64", "AddInt32", "AddUint64", "AddUint32", "LoadInt64", "LoadInt32", "LoadUint64");

  /**
   * {@code time.Now().Unix()} is the clock; a package-level variable, a struct field, or an atomic
   * add or load of one is a request counter. A local (a shard key, a page size) is neither.
   */
  private Trigger clockOrCounter(Node value) {
    Node v = Periodic.unscaled(value);
    if (v.is("call_expression")
        && v.child("function") != null
        && v.child("function").is("identifier")
        && Set.of("int", "int64", "int32", "uint64").contains(v.child("function").text())
        && argument(v, 0) != null) {
      v = Periodic.unscaled(argument(v, 0)); // int(time.Now().Unix())
    }
    if (v.is("call_expression") && v.child("function") != null) {
      Node function = v.child("function");
      if (file.isPackageCall(v, "sync/atomic", null)) {
        return ATOMIC_COUNTS.contains(textOf(function.child("field"))) ? Trigger.COUNTER : null;
      }
      if (function.is("selector_expression")) {
        Node operand = function.child("operand");
        String method = textOf(function.child("field"));
        if (operand != null
            && operand.is("call_expression")
            && file.isPackageCall(operand, "time", "Now")
            && CLOCK_READS.contains(method)) {
          return Trigger.CLOCK;
        }
        // requests.Add(1), hits.Load() on an atomic.Int64
        if ((method.equals("Add") || method.equals("Load")) && counterVariable(operand)) {
          return Trigger.COUNTER;
        }
      }
      return null;
    }
    return counterVariable(v) ? Trigger.COUNTER : null;
  }

  private boolean counterVariable(Node n) {
    if (n == null) {
      return false;
    }
    if (n.is("identifier")) {
      GoFile.Global global = file.globals.get(n.text());
      return global != null && !file.localNames(GoFile.enclosingFunction(n)).contains(n.text());
    }
    return n.is("selector_expression")
        && textOf(n.child("operand")).length() > 0
        && !file.imports.containsKey(textOf(n.child("operand")));
  }

  boolean isRandomCall(Node call) {
    Node function = call.child("function");
    if (function == null || !function.is("selector_expression")) {
      return false;
    }
    String pkg = file.imports.get(textOf(function.child("operand")));
    return pkg != null && (pkg.equals("math/rand") || pkg.equals("math/rand/v2"));
  }

  // ---- shared state ---------------------------------------------------------------------------

  /**
   * Package-level variables a handler touches: grown without eviction (a leak), written without a
   * lock, or read without the lock that guards their writes elsewhere (a race).
   */
  void readSharedState(
      GoHandlers.Handler handler, List<Node> nodes, Set<String> locals, String route) {
    Set<String> reported = new HashSet<>();
    for (Node n : nodes) {
      if (!n.is("identifier")) {
        continue;
      }
      GoFile.Global global = file.globals.get(n.text());
      if (global == null
          || global.kind() == GoFile.GlobalKind.SYNC
          || locals.contains(global.name())
          || isStructKey(n)) {
        continue;
      }
      Access access = access(n);
      if (access == Access.DECLARE) {
        continue;
      }
      if (isGrowth(global, access) && !isEvicted(global) && reported.add("grow:" + global.name())) {
        boolean put = access == Access.PUT;
        file.out.hazard(
            new Hazard.UnboundedGrowth(
                route,
                file.out.at(GoFile.statementOf(n)),
                global.name(),
                Snippets.of(put ? n.parent() : GoFile.statementOf(n)),
                put));
      }
      if (isLocked(n) || reported.contains("race:" + global.name())) {
        continue;
      }
      Node guardedAt = guardedWrite(global);
      if (guardedAt != null) {
        reported.add("race:" + global.name());
        file.out.hazard(
            new Hazard.UnguardedSharedState(
                route, file.out.at(n), global.name(), guardedAt.line(), access != Access.READ));
      } else if (access != Access.READ) {
        reported.add("race:" + global.name());
        file.out.hazard(
            new Hazard.UnguardedSharedState(route, file.out.at(n), global.name(), null, true));
      }
    }
  }

  /** APPEND: {@code x = append(x, ..)}; PUT: {@code m[k] = v} with a key that varies. */
  enum Access {
    READ,
    WRITE,
    APPEND,
    PUT,
    DECLARE
  }

  static boolean isStructKey(Node identifier) {
    Node parent = identifier.parent();
    return parent != null && parent.is("literal_element") && "key".equals(parent.field());
  }

  /**
   * How an identifier is used: read, written, or grown ({@code x = append(x, ..)}, {@code m[k] =
   * v}).
   */
  Access access(Node id) {
    Node parent = id.parent();
    if (parent == null) {
      return Access.READ;
    }
    if (parent.is("inc_statement") || parent.is("dec_statement")) {
      return Access.WRITE;
    }
    if (parent.is("index_expression") && "operand".equals(id.field())) {
      Node indexed = parent;
      Node up = indexed.parent();
      if (up != null && (up.is("inc_statement") || up.is("dec_statement"))) {
        return isConstantKey(indexed.child("index")) ? Access.WRITE : Access.PUT;
      }
      if (isAssignmentTarget(indexed)) {
        return isConstantKey(indexed.child("index")) ? Access.WRITE : Access.PUT;
      }
      return Access.READ;
    }
    if (parent.is("expression_list") && "left".equals(parent.field())) {
      Node statement = parent.parent();
      if (statement != null && statement.is("short_var_declaration")) {
        return Access.DECLARE;
      }
      if (statement != null && statement.is("assignment_statement")) {
        Node value = GoFile.valueAt(statement, GoFile.indexIn(parent, id));
        if (value != null && isAppendTo(value, id.text())) {
          return Access.APPEND;
        }
        return Access.WRITE;
      }
    }
    return Access.READ;
  }

  static boolean isAssignmentTarget(Node expr) {
    Node list = expr.parent();
    return list != null
        && list.is("expression_list")
        && "left".equals(list.field())
        && list.parent() != null
        && list.parent().is("assignment_statement");
  }

  boolean isConstantKey(Node index) {
    if (index == null) {
      return false;
    }
    return index.is("interpreted_string_literal")
        || index.is("raw_string_literal")
        || index.is("int_literal")
        || index.is("identifier") && file.constants.containsKey(index.text());
  }

  static boolean isAppendTo(Node value, String name) {
    Node v = unparen(value);
    if (!v.is("call_expression") || !GoFile.callName(v).equals("append")) {
      return false;
    }
    Node first = argument(v, 0);
    return first != null && first.is("identifier") && first.text().equals(name);
  }

  static boolean isGrowth(GoFile.Global global, Access access) {
    // x = append(x, ..) shows a slice even when the declaration does not say so
    return access == Access.APPEND && global.kind() != GoFile.GlobalKind.MAP
        || access == Access.PUT && global.kind() == GoFile.GlobalKind.MAP;
  }

  /**
   * Whether anything in the file shrinks or replaces the collection (delete, clear, reslice,
   * reset).
   */
  boolean isEvicted(GoFile.Global global) {
    for (Node call : file.calls) {
      String name = GoFile.callName(call);
      if ((name.equals("delete") || name.equals("clear"))
          && argument(call, 0) != null
          && argument(call, 0).text().equals(global.name())) {
        return true;
      }
    }
    for (Node assignment : file.assignments) {
      Node left = assignment.child("left");
      if (left == null) {
        continue;
      }
      List<Node> targets = left.namedChildren();
      for (int i = 0; i < targets.size(); i++) {
        if (targets.get(i).is("identifier") && targets.get(i).text().equals(global.name())) {
          Node value = GoFile.valueAt(assignment, i);
          if (value == null || !isAppendTo(value, global.name())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Where the variable is written while a lock is held, if anywhere in the file. */
  Node guardedWrite(GoFile.Global global) {
    if (file.guardedWrites == null) {
      file.guardedWrites = new HashMap<>();
      file.root.visit(
          n -> {
            if (n.is("identifier")
                && file.globals.containsKey(n.text())
                && !file.guardedWrites.containsKey(n.text())
                && isLocked(n)) {
              Access access = access(n);
              Node fn = GoFile.enclosingFunction(n);
              if (access != Access.READ
                  && access != Access.DECLARE
                  && (fn == null || !file.localNames(fn).contains(n.text()))) {
                file.guardedWrites.put(n.text(), n);
              }
            }
            return true;
          });
    }
    return file.guardedWrites.get(global.name());
  }

  /** Marks statements that run between {@code x.Lock()} and {@code x.Unlock()} in one block. */
  void markLockedStatements() {
    for (Node list : file.statementLists) {
      boolean held = false;
      for (Node statement : list.namedChildren()) {
        String lock = lockCall(statement);
        if ("lock".equals(lock)) {
          held = true;
        } else if ("unlock".equals(lock)) {
          held = false;
        } else if (held) {
          file.locked.put(statement, Boolean.TRUE);
        }
      }
    }
  }

  static String lockCall(Node statement) {
    if (!statement.is("expression_statement")) {
      return null; // defer mu.Unlock() keeps the lock to the end of the block
    }
    Node call = statement.namedChild(0);
    if (call == null || !call.is("call_expression") || argument(call, 0) != null) {
      return null;
    }
    Node function = call.child("function");
    if (function == null || !function.is("selector_expression")) {
      return null;
    }
    return switch (textOf(function.child("field"))) {
      case "Lock", "RLock" -> "lock";
      case "Unlock", "RUnlock" -> "unlock";
      default -> null;
    };
  }

  boolean isLocked(Node node) {
    for (Node p = node; p != null; p = p.parent()) {
      if (file.locked.containsKey(p)) {
        return true;
      }
      if (p.is("function_declaration") || p.is("method_declaration")) {
        return false;
      }
    }
    return false;
  }

  // ---- retry loops ----------------------------------------------------------------------------

  /**
   * A loop that repeats a failing call until it succeeds ({@code if err == nil { break }}) with no
   * sleep or backoff between attempts hammers the dependency it waits for.
   */
  void readRetryLoop(Node loop) {
    Node body = loop.child("body");
    if (body == null
        || loop.firstOfType("range_clause") != null
        || loop.firstOfType("for_clause") != null
            && loop.firstOfType("for_clause").firstOfType("range_clause") != null) {
      return;
    }
    Node condition = loopCondition(loop);
    boolean uncapped = condition == null || isErrorTest(condition, "!=");
    boolean retries = condition != null && isErrorTest(condition, "!=");
    boolean[] waits = {false};
    boolean[] exitsOnSuccess = {false};
    body.visit(
        n -> {
          if (n.is("func_literal")) {
            return false;
          }
          if (n.is("select_statement")) {
            waits[0] = true;
          } else if (n.is("call_expression")) {
            String name = GoFile.callName(n).toLowerCase(Locale.ROOT);
            if (file.isPackageCall(n, "time", "Sleep")
                || file.isPackageCall(n, "time", "After")
                || file.isPackageCall(n, "time", "NewTimer")
                || file.isPackageCall(n, "time", "Tick")
                || name.contains("backoff")
                || name.contains("sleep")
                || name.equals("wait")) {
              waits[0] = true;
            }
          } else if (n.is("if_statement") && n.child("condition") != null) {
            Node consequence = n.child("consequence");
            if (isErrorTest(n.child("condition"), "==")
                && consequence != null
                && (consequence.descendants("break_statement").size()
                        + consequence.descendants("return_statement").size())
                    > 0) {
              exitsOnSuccess[0] = true;
            }
          }
          return true;
        });
    if ((retries || exitsOnSuccess[0]) && !waits[0]) {
      GoHandlers.Handler inHandler = null;
      for (Node p = loop.parent(); p != null && inHandler == null; p = p.parent()) {
        inHandler = file.handlers.get(p);
      }
      file.out.hazard(
          new Hazard.RetryWithoutBackoff(
              inHandler == null ? null : inHandler.route(),
              file.out.at(loop),
              null,
              false,
              !uncapped));
    }
  }

  static Node loopCondition(Node loop) {
    Node clause = loop.firstOfType("for_clause");
    if (clause != null) {
      return clause.child("condition");
    }
    for (Node c : loop.namedChildren()) {
      if (!"body".equals(c.field())) {
        return c;
      }
    }
    return null;
  }

  /** {@code err != nil} / {@code err == nil} (either order). */
  static boolean isErrorTest(Node condition, String operator) {
    Node c = unparen(condition);
    if (!c.is("binary_expression") || !c.hasToken(operator)) {
      return false;
    }
    Node left = c.child("left");
    Node right = c.child("right");
    if (left == null || right == null) {
      return false;
    }
    return left.is("identifier") && left.text().equals("err") && right.is("nil")
        || right.is("identifier") && right.text().equals("err") && left.is("nil");
  }
}

package dev.rootcause.collect.code.java;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.textOf;

import dev.rootcause.collect.code.Delays;
import dev.rootcause.collect.code.Periodic;
import dev.rootcause.collect.code.Snippets;
import dev.rootcause.collect.code.Trees;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.app.Hazard.RandomFailure.Trigger;
import dev.rootcause.model.app.HealthPaths;
import java.util.List;
import java.util.Set;

/** The hazards in Java handlers: sleeps, random failures, health endpoints that always fail. */
final class JavaHazards {
  private final JavaFile file;

  JavaHazards(JavaFile file) {
    this.file = file;
  }

  void readHandler(JavaHandlers.Handler handler) {
    String route = handler.route();
    List<Node> nodes = file.handling.requestPath(handler);
    for (Node n : nodes) {
      if (n.is("method_invocation") && isSleep(n)) {
        Node delay = argument(n, 0);
        file.out.hazard(
            Delays.sleep(
                route,
                file.out.at(n),
                Snippets.of(n),
                n.child("object").text() + ".sleep",
                delay == null ? null : delay.text(),
                sleepUnit(n.child("object").text()),
                true,
                false));
      } else if (n.is("if_statement")) {
        readRandomFailure(n, handler, route);
      }
    }
    if (route != null && HealthPaths.isHealthCheck(route)) {
      List<Integer> codes = file.handling.statuses(handler);
      if (!codes.isEmpty() && !handler.unreadable && codes.stream().allMatch(c -> c >= 500)) {
        Node at = null;
        for (Node n : nodes) {
          if ((n.is("method_invocation") || n.is("object_creation_expression"))
              && file.handling.status(n, handler) != null) {
            at = n;
            break;
          }
        }
        file.out.hazard(
            new Hazard.HealthAlwaysFails(
                route, file.out.at(at == null ? handler.node : at), codes));
      }
    }
  }

  /** {@code Thread.sleep} counts milliseconds; {@code TimeUnit.X.sleep} counts X. */
  private static Delays.Unit sleepUnit(String object) {
    return switch (object) {
      case "TimeUnit.SECONDS" -> Delays.Unit.SECONDS;
      case "TimeUnit.MINUTES" -> Delays.Unit.MINUTES;
      case "TimeUnit.NANOSECONDS" -> Delays.Unit.NANOSECONDS;
      case "Thread", "TimeUnit.MILLISECONDS" -> Delays.Unit.MILLISECONDS;
      default -> null;
    };
  }

  static boolean isSleep(Node call) {
    if (!textOf(call.child("name")).equals("sleep")) {
      return false;
    }
    Node object = call.child("object");
    String text = object == null ? "" : object.text();
    return text.equals("Thread") || text.startsWith("TimeUnit.");
  }

  /** {@code if (random.nextInt(10) < 3) { throw ..; }}: failure on purpose. */
  void readRandomFailure(Node ifStatement, JavaHandlers.Handler handler, String route) {
    Node condition = ifStatement.child("condition");
    Node consequence = ifStatement.child("consequence");
    if (condition == null || consequence == null) {
      return;
    }
    Node random =
        Trees.first(
            condition,
            n ->
                n.is("method_invocation")
                    && isRandom(n)
                    && (n.ancestor("binary_expression") != null
                        || textOf(n.child("name")).equals("nextBoolean")));
    Periodic.Found periodic =
        random == null ? Periodic.find(condition, this::clockOrCounter) : null;
    if (random == null && periodic == null) {
      return;
    }
    boolean fails =
        Trees.any(
            consequence,
            "lambda_expression",
            n -> {
              if (n.is("throw_statement")) {
                return true;
              }
              if (!n.is("method_invocation") && !n.is("object_creation_expression")) {
                return false;
              }
              JavaHandlers.Status status = file.handling.status(n, handler);
              return status != null && status.code() != null && status.code() >= 500
                  || n.is("method_invocation")
                      && textOf(n.child("name")).equals("exit")
                      && textOf(n.child("object")).equals("System");
            });
    if (fails) {
      Node test =
          condition.is("parenthesized_expression") && condition.namedChild(0) != null
              ? condition.namedChild(0)
              : condition;
      file.out.hazard(
          new Hazard.RandomFailure(
              route,
              file.out.at(random != null ? random : periodic.at()),
              Snippets.shorten(JavaFile.stripParens(condition.text())),
              test.is("method_invocation") || test.is("identifier"),
              new Hazard.Failure(Hazard.Failure.Outcome.FAILS, null, null),
              periodic == null ? null : periodic.chance().probability(),
              null,
              periodic == null ? Trigger.DICE : periodic.chance().trigger()));
    }
  }

  private static final Set<String> CLOCK_READS =
      Set.of("getEpochSecond", "toEpochMilli", "getSecond", "getNano", "getMinute");

  private static final Set<String> COUNTS =
      Set.of("incrementAndGet", "getAndIncrement", "addAndGet", "getAndAdd", "get", "sum");

  /**
   * {@code System.currentTimeMillis()} and {@code Instant.now().getEpochSecond()} are the clock; a
   * field, its {@code ++}, or an atomic count of one is a request counter. A local (a shard key, a
   * page size) is neither.
   */
  private Trigger clockOrCounter(Node value) {
    Node v = Periodic.unscaled(value);
    while (v != null && v.is("cast_expression")) {
      v = Periodic.unscaled(v.child("value")); // (int) (System.currentTimeMillis() / 1000)
    }
    if (v == null) {
      return null;
    }
    if (v.is("method_invocation")) {
      String name = textOf(v.child("name"));
      Node object = v.child("object");
      if (object != null
          && object.text().equals("System")
          && (name.equals("currentTimeMillis") || name.equals("nanoTime"))) {
        return Trigger.CLOCK;
      }
      if (object != null
          && object.is("method_invocation")
          && textOf(object.child("name")).equals("now")
          && CLOCK_READS.contains(name)) {
        return Trigger.CLOCK;
      }
      return COUNTS.contains(name) && isField(object) ? Trigger.COUNTER : null;
    }
    if (v.is("update_expression")) {
      return isField(v.namedChild(0)) ? Trigger.COUNTER : null;
    }
    return isField(v) ? Trigger.COUNTER : null;
  }

  /** {@code requests}, {@code this.requests}: a field of the class, not a local or a parameter. */
  private boolean isField(Node n) {
    if (n == null) {
      return false;
    }
    if (n.is("field_access")) {
      return textOf(n.child("object")).equals("this");
    }
    if (!n.is("identifier")) {
      return false;
    }
    Node declarator = file.declarator(n.text(), n);
    return declarator != null && declarator.ancestor("field_declaration") != null;
  }

  boolean isRandom(Node call) {
    String name = textOf(call.child("name"));
    Node object = call.child("object");
    if (name.equals("random") && object != null && object.text().equals("Math")) {
      return true;
    }
    if (!JavaFile.RANDOM_METHODS.contains(name) || object == null) {
      return false;
    }
    if (object.is("method_invocation")) {
      return textOf(object.child("name")).equals("current")
          && textOf(object.child("object")).equals("ThreadLocalRandom");
    }
    if (object.is("object_creation_expression")) {
      return JavaFile.RANDOM_TYPES.contains(textOf(object.child("type")));
    }
    String variable = object.is("field_access") ? textOf(object.child("field")) : object.text();
    Node declarator = file.declarator(variable, call);
    return declarator != null && JavaFile.RANDOM_TYPES.contains(JavaFile.declaredType(declarator));
  }
}

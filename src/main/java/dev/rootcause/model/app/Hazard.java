package dev.rootcause.model.app;

import dev.rootcause.model.SourceLocation;
import java.io.Serializable;
import java.util.List;

/**
 * Something in a request path that hurts latency or correctness, as the code shows it: one record
 * per kind, holding the code facts (the call, its argument, the variable, the loop's shape) from
 * which the matching {@code app/*} rule words its message. {@code route} is the route the code
 * serves ({@code GET /}, {@code /healthz}), null when the code is not known to run on one.
 */
public sealed interface Hazard extends Serializable {

  Kind kind();

  String route();

  SourceLocation location();

  /** The hazards rootcause recognizes, one per record type. */
  enum Kind {
    SLEEP_IN_HANDLER,
    RANDOM_FAILURE,
    RETRY_WITHOUT_BACKOFF,
    UNBOUNDED_GROWTH,
    UNGUARDED_SHARED_STATE,
    DEV_SERVER,
    JSON_LOADS_ON_FILE,
    HEALTH_ALWAYS_FAILS,
    SERVE_ERROR_IGNORED
  }

  /**
   * A wait before the answer: {@code code} is the waiting code on one line ({@code
   * time.sleep(random.randint(3, 8))}), {@code callee} what it calls ({@code time.sleep}, {@code
   * setTimeout}, {@code Thread.sleep}), {@code argument} how long ({@code random.randint(3, 8)},
   * {@code 2000}; null when none). {@code everyRequest} is false when only a branch waits; {@code
   * deferredResponse} when the answer itself is sent from a timer ({@code setTimeout(() =>
   * res.json(..), 2000)}). {@code minSeconds} and {@code maxSeconds} are how long it waits when the
   * code states it (equal for {@code sleep(2)}, 3 and 8 for {@code random.uniform(3, 8)}), both
   * null when it does not.
   */
  record Sleep(
      String route,
      SourceLocation location,
      String code,
      String callee,
      String argument,
      boolean everyRequest,
      boolean deferredResponse,
      Double minSeconds,
      Double maxSeconds)
      implements Hazard {
    @Override
    public Kind kind() {
      return Kind.SLEEP_IN_HANDLER;
    }
  }

  /**
   * A failure guarded by a dice roll: {@code condition} is the test on one line; {@code
   * conditionIsValue} when it is a bare value (a call or a name) rather than a comparison; {@code
   * failure} how the request fails; {@code probability} the share of requests that fail (null when
   * not worked out), {@code rateEnvVar} the env var the rate is read from, if any; {@code trigger}
   * what decides: a dice roll, the clock ({@code time.time() % 10 < 3}), or a request counter
   * ({@code ++count % 5 === 0}).
   */
  record RandomFailure(
      String route,
      SourceLocation location,
      String condition,
      boolean conditionIsValue,
      Failure failure,
      Double probability,
      String rateEnvVar,
      Trigger trigger)
      implements Hazard {
    /** What makes the condition true on some requests and not others. */
    public enum Trigger {
      /** A random number. */
      DICE,
      /** The time of day: the same share of every window fails. */
      CLOCK,
      /** A count of requests: every n-th fails. */
      COUNTER
    }

    /** A dice roll, the common case. */
    public RandomFailure(
        String route,
        SourceLocation location,
        String condition,
        boolean conditionIsValue,
        Failure failure,
        Double probability,
        String rateEnvVar) {
      this(
          route,
          location,
          condition,
          conditionIsValue,
          failure,
          probability,
          rateEnvVar,
          Trigger.DICE);
    }

    @Override
    public Kind kind() {
      return Kind.RANDOM_FAILURE;
    }
  }

  /**
   * How a guarded block fails the request: {@code what} is the raised or thrown type, or the
   * function an error is passed to ({@code next}); {@code status} the HTTP status answered.
   */
  record Failure(Outcome outcome, String what, Integer status) implements Serializable {
    /** The statement that fails the request. */
    public enum Outcome {
      /** Python {@code raise}. */
      RAISES,
      /** JavaScript {@code throw}. */
      THROWS,
      /** A 5xx response. */
      ANSWERS,
      /** A handler's {@code return ..., 500}. */
      RETURNS,
      /** Flask's {@code abort(500)}. */
      ABORTS,
      /** Express's {@code next(err)}. */
      PASSES_ERROR,
      /** A throw, panic, exit or 5xx the reader does not tell apart. */
      FAILS
    }
  }

  /**
   * A retry loop that waits too little or retries too long: {@code retriedCall} the callee it
   * retries ({@code requests.get}; null when not named), {@code waits} whether it pauses between
   * attempts, {@code capped} whether the number of attempts is limited.
   */
  record RetryWithoutBackoff(
      String route, SourceLocation location, String retriedCall, boolean waits, boolean capped)
      implements Hazard {
    @Override
    public Kind kind() {
      return Kind.RETRY_WITHOUT_BACKOFF;
    }
  }

  /**
   * A process-wide {@code collection} a handler adds to and nothing shrinks: {@code growth} is the
   * adding code ({@code records.set(...)}, {@code sessions[token]}); {@code newKey} when it grows
   * by assignment to a varying key rather than by a call.
   */
  record UnboundedGrowth(
      String route, SourceLocation location, String collection, String growth, boolean newKey)
      implements Hazard {
    @Override
    public Kind kind() {
      return Kind.UNBOUNDED_GROWTH;
    }
  }

  /**
   * A shared {@code variable} touched without the lock that guards it: {@code lockedAtLine} the
   * line where it is changed under a lock (null when no access holds one, and requests write it
   * concurrently); {@code written} whether this access writes it.
   */
  record UnguardedSharedState(
      String route, SourceLocation location, String variable, Integer lockedAtLine, boolean written)
      implements Hazard {
    @Override
    public Kind kind() {
      return Kind.UNGUARDED_SHARED_STATE;
    }
  }

  /**
   * A development server: {@code tool} which one, {@code launch} how it is started ({@code
   * app.run(...)}, {@code flask run}, {@code nodemon}); {@code inCode} when the code starts it
   * rather than the container's command; {@code debug} when started in debug mode.
   */
  record DevServer(SourceLocation location, Tool tool, String launch, boolean inCode, boolean debug)
      implements Hazard {
    /** Development servers and watchers rootcause recognizes. */
    public enum Tool {
      /** {@code app.run()} or {@code flask run}. */
      FLASK,
      /** {@code manage.py runserver}. */
      DJANGO,
      /** nodemon, ts-node-dev: restart the process on file changes. */
      FILE_WATCHER,
      /** {@code uvicorn --reload}. */
      AUTO_RELOAD
    }

    @Override
    public Kind kind() {
      return Kind.DEV_SERVER;
    }

    @Override
    public String route() {
      return null;
    }
  }

  /**
   * {@code json.loads} given a file object: {@code call} the call on one line, {@code fileObject}
   * the code that opened the file, on line {@code fileObjectLine}.
   */
  record JsonLoadsOnFile(
      String route, SourceLocation location, String call, String fileObject, int fileObjectLine)
      implements Hazard {
    @Override
    public Kind kind() {
      return Kind.JSON_LOADS_ON_FILE;
    }
  }

  /** A health route whose every answer is a server error: {@code statuses} those answers. */
  record HealthAlwaysFails(String route, SourceLocation location, List<Integer> statuses)
      implements Hazard {
    public HealthAlwaysFails {
      statuses = List.copyOf(statuses);
    }

    @Override
    public Kind kind() {
      return Kind.HEALTH_ALWAYS_FAILS;
    }
  }

  /**
   * A server start whose error is dropped: {@code call} the call on one line ({@code
   * http.ListenAndServe(":8080", nil)}); {@code inGoroutine} when it runs under {@code go}, so a
   * failed bind leaves the process up and serving nothing.
   */
  record ServeErrorIgnored(SourceLocation location, String call, boolean inGoroutine)
      implements Hazard {
    @Override
    public Kind kind() {
      return Kind.SERVE_ERROR_IGNORED;
    }

    @Override
    public String route() {
      return null;
    }
  }
}

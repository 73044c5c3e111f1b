package dev.rootcause.model.probe;

/**
 * The open model's schedule was not all sent: the client fell short of the asked rate. Said as the
 * client's limit (its CPU, or too few connections for the answer time), never counted as failed
 * requests: the server never saw them.
 *
 * @param askedRate requests per second the plan asked for
 * @param sentRate requests per second actually sent over the run
 * @param unsent requests of the schedule that were never sent
 * @param connections connections per URL
 * @param meanAnswerMicros mean time from sending a request to its answer; 0 when none came
 */
public record LoadShortfall(
    double askedRate, double sentRate, long unsent, int connections, double meanAnswerMicros)
    implements java.io.Serializable {

  /** The most requests per second the connections carry at the measured answer time. */
  public double connectionCeiling() {
    return meanAnswerMicros <= 0 ? 0 : connections * 1e6 / meanAnswerMicros;
  }

  /**
   * True when the connections, not the load generator's speed, capped the rate: each waited for its
   * answer long enough that all of them together could not carry the schedule.
   */
  public boolean connectionBound() {
    return meanAnswerMicros <= 0 || connectionCeiling() < askedRate * 0.9;
  }

  /** {@code asked 5,000 req/s, sent 1,200 req/s: the load generator could not keep up ...}. */
  public String describe() {
    String head =
        "asked "
            + Units.number(askedRate)
            + " req/s, sent "
            + Units.number(Math.rint(sentRate))
            + " req/s ("
            + Units.count(unsent, "scheduled request")
            + " not sent): ";
    if (meanAnswerMicros <= 0) {
      return head
          + "all "
          + Units.count(connections, "connection")
          + " waited for answers that"
          + " never came";
    }
    if (connectionBound()) {
      return head
          + Units.count(connections, "connection")
          + " at a mean answer time of "
          + Units.micros(meanAnswerMicros)
          + " carry at most "
          + Units.number(Math.rint(connectionCeiling()))
          + " req/s: raise --concurrency, or the"
          + " server is too slow for this rate";
    }
    return head
        + "the load generator could not keep up (a limit of this machine, not of the"
        + " server)";
  }
}

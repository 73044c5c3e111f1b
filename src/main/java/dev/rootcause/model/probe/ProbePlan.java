package dev.rootcause.model.probe;

import java.time.Duration;
import java.util.List;

/**
 * What a probe sends and for how long. Each URL is probed as if alone, at the same time as the
 * others: {@code concurrency}, {@code requests} and {@code rate} apply to every URL.
 *
 * @param requests requests per URL; 0 when only {@code duration} bounds the run
 * @param duration how long to send; null when only {@code requests} bounds the run
 * @param rate requests per second per URL in the open model; 0 in the closed model
 * @param threads event-loop threads that share the connections
 * @param failureSamples how many failing responses per URL to keep the body of
 * @param keepLatencies keep every successful latency (for statistics between two URLs)
 */
public record ProbePlan(
    List<String> urls,
    String method,
    List<Header> headers,
    byte[] body,
    LoadModel model,
    int concurrency,
    long requests,
    Duration duration,
    double rate,
    Duration connectTimeout,
    Duration requestTimeout,
    int threads,
    int failureSamples,
    boolean keepLatencies,
    boolean insecure,
    StatusPolicy okStatus)
    implements java.io.Serializable {

  public ProbePlan {
    urls = List.copyOf(urls);
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** A short description: {@code 20 requests, 1 connection} or {@code 50 req/s for 30 s}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (model == LoadModel.OPEN) {
      sb.append(Units.number(rate)).append(" req/s");
      if (requests > 0) {
        sb.append(", ").append(requests).append(requests == 1 ? " request" : " requests");
      }
    } else if (requests > 0) {
      sb.append(requests).append(requests == 1 ? " request" : " requests");
    }
    if (duration != null) {
      sb.append(sb.isEmpty() ? "" : ", ").append("for ").append(Units.duration(duration));
    }
    sb.append(", ").append(concurrency).append(concurrency == 1 ? " connection" : " connections");
    if (urls.size() > 1) {
      sb.append(" per URL");
    }
    return sb.toString();
  }
}

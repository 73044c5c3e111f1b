package com.acme.ledger;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.retry.annotation.Backoff;
import org.springframework.retry.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;

/** Talks to the settlement service; every retry here waits between attempts. */
@Service
public class SettlementClient {
  private final RestTemplate http;
  private final BlockingQueue<String> outbox;

  public SettlementClient(RestTemplate http, BlockingQueue<String> outbox) {
    this.http = http;
    this.outbox = outbox;
  }

  /** A loop that sleeps longer after each failure, and gives up after five tries. */
  public String settle(String id) throws InterruptedException {
    long delay = 200;
    for (int attempt = 1; ; attempt++) {
      try {
        return http.postForObject("http://settlement:8080/settle/" + id, null, String.class);
      } catch (RestClientException e) {
        if (attempt >= 5) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(delay + ThreadLocalRandom.current().nextLong(100));
        delay *= 2;
      }
    }
  }

  /** Spring Retry waits between attempts itself. */
  @Retryable(
      retryFor = RestClientException.class,
      maxAttempts = 4,
      backoff = @Backoff(delay = 500, multiplier = 2))
  public String status(String id) {
    return http.getForObject("http://settlement:8080/status/" + id, String.class);
  }

  /** resilience4j with an exponential interval: no hand-written loop at all. */
  public String refund(String id) {
    Retry retry =
        Retry.of(
            "refund",
            RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(300, 2.0))
                .build());
    Supplier<String> call =
        Retry.decorateSupplier(
            retry, () -> http.postForObject("http://settlement:8080/refund/" + id, null, String.class));
    return call.get();
  }

  /** A consumer loop: take() blocks until there is work, a failed message is logged and dropped. */
  public void drainOutbox() {
    while (true) {
      try {
        String message = outbox.take();
        http.postForObject("http://settlement:8080/events", message, String.class);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RestClientException e) {
        System.err.println("dropping event: " + e.getMessage());
      }
    }
  }

  /** Waits for the next message and hands it back; take() blocks, so this loop never spins. */
  public String nextSettled() {
    while (true) {
      try {
        return outbox.take();
      } catch (InterruptedException e) {
        // interrupted by a shutdown hook racing the poller: look again
      }
    }
  }
}

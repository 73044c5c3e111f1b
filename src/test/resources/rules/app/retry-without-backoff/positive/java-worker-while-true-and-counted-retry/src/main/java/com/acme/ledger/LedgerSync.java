package com.acme.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Logger;

/** Pushes settled batches to the bank gateway. */
public class LedgerSync {
  private static final Logger LOG = Logger.getLogger(LedgerSync.class.getName());

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public String push(String batch) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://bank-gateway:8080/batches"))
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofString(batch))
            .build();
    // expect: app/retry-without-backoff "retry loop around client.send(...) tries again immediately and forever: no delay, no attempt limit"
    while (true) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException e) {
        LOG.warning("bank gateway unreachable, retrying: " + e.getMessage());
      }
    }
  }

  public void acknowledge(String batchId) throws IOException, InterruptedException {
    HttpRequest ack =
        HttpRequest.newBuilder(URI.create("http://bank-gateway:8080/batches/" + batchId + "/ack"))
            .timeout(Duration.ofSeconds(5))
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build();
    int attempts = 0;
    // expect: app/retry-without-backoff "retry loop around client.send(...) tries again immediately, with no delay between attempts"
    while (attempts++ < 5) {
      try {
        client.send(ack, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        LOG.fine("ack failed on attempt " + attempts);
      }
    }
    throw new IOException("ack of " + batchId + " failed after 5 attempts");
  }
}

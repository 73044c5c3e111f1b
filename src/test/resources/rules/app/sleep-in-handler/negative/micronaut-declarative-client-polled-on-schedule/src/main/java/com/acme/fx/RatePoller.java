package com.acme.fx;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

@Singleton
public class RatePoller {
  private final RatesClient client;
  private final Map<String, Double> latest = new ConcurrentHashMap<>();

  RatePoller(RatesClient client) {
    this.client = client;
  }

  @Scheduled(fixedDelay = "60s")
  void refresh() throws InterruptedException {
    for (String currency : List.of("EUR", "GBP", "JPY")) {
      latest.put(currency, client.rate(currency));
      Thread.sleep(250); // the rates API allows four calls a second
    }
  }
}

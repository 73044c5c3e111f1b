package com.acme.inventory;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class HealthController {
  private final AtomicLong checks = new AtomicLong();
  private int reservations;

  @GetMapping("/health")
  public ResponseEntity<Map<String, String>> health() {
    // expect: app/random-failure-injection "by a request counter: 20% of requests"
    if (checks.incrementAndGet() % 5 == 0) {
      return ResponseEntity.status(503).body(Map.of("status", "DOWN"));
    }
    return ResponseEntity.ok(Map.of("status", "UP"));
  }

  @GetMapping("/stock")
  public Map<String, Integer> stock() {
    // expect: app/random-failure-injection "by the clock: 25% of the time"
    if (System.currentTimeMillis() / 1000 % 4 == 0) {
      throw new IllegalStateException("stock service warming up");
    }
    return Map.of("sku-1", 12);
  }

  @GetMapping("/reservations")
  public Map<String, Integer> reserve() {
    // expect: app/random-failure-injection "by a request counter: 33% of requests"
    if (reservations++ % 3 == 0) {
      return ResponseEntity.internalServerError().build().getBody();
    }
    return Map.of("reserved", 1);
  }

  @GetMapping("/ready")
  public String ready() {
    // expect: app/random-failure-injection "by the clock: 50% of the time"
    if (Instant.now().getEpochSecond() % 2 == 1) {
      throw new RuntimeException("not ready");
    }
    return "ok";
  }
}

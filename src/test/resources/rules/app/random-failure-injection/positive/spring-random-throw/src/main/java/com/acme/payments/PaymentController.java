package com.acme.payments;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PaymentController {

  @PostMapping("/payments")
  public Map<String, String> pay(@RequestBody Map<String, String> payment) {
    // expect: app/random-failure-injection "fails when ThreadLocalRandom.current().nextInt(100) < 10"
    if (ThreadLocalRandom.current().nextInt(100) < 10) {
      throw new IllegalStateException("simulated processor outage");
    }
    return Map.of("status", "accepted", "id", payment.getOrDefault("id", "?"));
  }
}

package com.acme.orders;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class OrderController {
  private final RestTemplate http = new RestTemplate();

  @Value("${PAYMENT_API_URL}")
  private String paymentApiUrl;

  @Value("${orders.currency:EUR}")
  private String currency;

  @PostMapping("/orders")
  public ResponseEntity<String> create(@RequestBody String order) {
    String receipt = charge(order);
    return ResponseEntity.ok(receipt);
  }

  @GetMapping("/orders/{id}")
  public ResponseEntity<String> get(@PathVariable String id) {
    return ResponseEntity.ok("{\"id\":\"" + id + "\",\"currency\":\"" + currency + "\"}");
  }

  private String charge(String order) {
    for (int attempt = 0; ; attempt++) {
      try {
        return http.postForObject(paymentApiUrl + "/charges", order, String.class);
      } catch (RuntimeException e) {
        // payments is flaky, just try again
      }
    }
  }
}

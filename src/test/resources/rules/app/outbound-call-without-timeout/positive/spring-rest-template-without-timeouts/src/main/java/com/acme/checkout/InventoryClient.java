package com.acme.checkout;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

@Component
public class InventoryClient {
  private final String baseUrl = System.getenv("INVENTORY_URL");
  private final RestTemplate rest = new RestTemplate();

  public Integer available(String sku) {
    // expect: app/outbound-call-without-timeout "HTTP call to $INVENTORY_URL has no timeout"
    return rest.getForObject(baseUrl + "/stock/" + sku, Integer.class);
  }
}

package com.example.stock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

@Component
public class StockClient {
  private final RestClient client;

  public StockClient(@Value("${WAREHOUSE_BASE_URL}") String baseUrl) {
    this.client = RestClient.builder().baseUrl(baseUrl).build();
  }

  public String level(String sku) {
    return client.get().uri("/levels/{sku}", sku).retrieve().body(String.class);
  }
}

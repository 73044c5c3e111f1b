package com.acme.inventory;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StockController {
  private final StockRepository stock;

  public StockController(StockRepository stock) {
    this.stock = stock;
  }

  @GetMapping("/stock/{sku}")
  public ResponseEntity<Map<String, Object>> level(@PathVariable String sku) {
    return stock.findById(sku)
        .map(item -> ResponseEntity.ok(Map.<String, Object>of("sku", sku, "available", item.available())))
        .orElse(ResponseEntity.notFound().build());
  }
}

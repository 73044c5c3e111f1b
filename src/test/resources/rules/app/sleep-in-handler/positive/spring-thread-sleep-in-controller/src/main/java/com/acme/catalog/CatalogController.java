package com.acme.catalog;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CatalogController {

  @GetMapping("/products/{id}")
  public List<String> product(@PathVariable String id) throws InterruptedException {
    // give the cache warmer time to finish (remove once CAT-212 ships)
    // expect: app/sleep-in-handler "/products/{id} sleeps in Thread.sleep(1500) on every request"
    Thread.sleep(1500);
    return List.of(id, "in stock");
  }
}

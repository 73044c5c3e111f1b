package com.acme.search;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;

@RestController
public class SearchController {
  private static final Logger log = LoggerFactory.getLogger(SearchController.class);
  private static final List<String> REPLICAS = List.of("search-0", "search-1", "search-2");
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();

  @GetMapping("/search")
  public List<String> search(@RequestParam String q, @RequestParam(defaultValue = "0") int page) {
    // round-robin over the replicas
    String replica = REPLICAS.get(next.getAndIncrement() % REPLICAS.size());
    if (served.incrementAndGet() % 1000 == 0) {
      log.info("served {} searches, last on {}", served.get(), replica);
    }
    int pageSize = 20;
    int total = 137;
    int pages = total / pageSize;
    if (total % pageSize != 0) {
      pages++;
    }
    if (page % 2 == 1 && page >= pages) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such page");
    }
    return List.of(replica, q);
  }

  @GetMapping("/tenants/{id}")
  public String tenant(@RequestParam long id) {
    long bucket = id % 16;
    if (bucket == 0) {
      return "bucket zero";
    }
    return "bucket " + bucket;
  }
}

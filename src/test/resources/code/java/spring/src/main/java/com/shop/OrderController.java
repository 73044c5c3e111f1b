package com.shop;

import java.time.Duration;
import java.util.Random;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.server.ResponseStatusException;

/** Orders, priced by the inventory service. */
@RestController
@RequestMapping("/api/orders")
public class OrderController {
  private static final String INVENTORY = System.getenv("INVENTORY_URL");

  private final Random random = new Random();
  private final RestTemplate rest = new RestTemplate();
  private final RestTemplate pricing = new RestTemplateBuilder()
      .connectTimeout(Duration.ofSeconds(1))
      .readTimeout(Duration.ofSeconds(2))
      .build();

  @GetMapping("/{id}")
  public ResponseEntity<Order> get(@PathVariable long id) throws InterruptedException {
    Thread.sleep(250);
    if (random.nextInt(10) < 3) {
      return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).build();
    }
    Stock stock = rest.getForObject(INVENTORY + "/stock/" + id, Stock.class);
    if (stock == null) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok(new Order(id, stock));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public Order create(@RequestBody Order order) {
    Price price = pricing.postForObject("http://pricing:8080/quote", order, Price.class);
    if (price == null) {
      throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "no quote");
    }
    return order.withPrice(price);
  }
}

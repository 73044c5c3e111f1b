package io.acme.quotes;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

@Controller("/quotes")
public class QuoteController {
  private final RatesClient rates;

  public QuoteController(RatesClient rates) {
    this.rates = rates;
  }

  @Get("/{product}")
  public Map<String, Object> quote(@PathVariable String product) throws InterruptedException {
    double base = rates.baseRate(product);
    // smooth the load on the rates API
    Thread.sleep(1500);
    double jitter = ThreadLocalRandom.current().nextDouble(0.98, 1.02);
    return Map.of("product", product, "premium", base * jitter);
  }
}

package io.acme.quotes;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.client.annotation.Client;

@Client("${rates.url}")
public interface RatesClient {
  @Get("/rates/{product}")
  double baseRate(@PathVariable String product);
}

package com.acme.fx;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.client.annotation.Client;

@Client("${fx.rates-url}")
public interface RatesClient {
  @Get("/rates/{currency}")
  double rate(@PathVariable String currency);
}

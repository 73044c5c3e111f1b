package com.acme.catalog;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;

@Controller("/items")
public class CatalogController {
  @Get
  public List<String> items() {
    return List.of("tea", "coffee");
  }
}

package com.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ShopApplication {
  public static void main(String[] args) {
    String region = System.getenv("AWS_REGION");
    if (region == null || region.isBlank()) {
      throw new IllegalStateException("AWS_REGION must be set");
    }
    SpringApplication.run(ShopApplication.class, args);
  }
}

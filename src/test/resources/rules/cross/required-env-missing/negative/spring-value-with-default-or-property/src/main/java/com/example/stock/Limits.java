package com.example.stock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

@Component
public class Limits {
  @Value("${stock.max-reservations}")
  private int maxReservations;

  public int max() {
    return maxReservations;
  }
}

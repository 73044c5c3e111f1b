package com.acme.orders;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.util.concurrent.TimeUnit;

@Controller(value = "/orders")
public class OrderController {
  private final OrderRepository orders;

  OrderController(OrderRepository orders) {
    this.orders = orders;
  }

  @Post(uri = "/")
  public HttpResponse<Order> place(@Body Order order) throws InterruptedException {
    // give the warehouse sync a head start
    // expect: app/sleep-in-handler
    TimeUnit.MILLISECONDS.sleep(800);
    return HttpResponse.created(orders.save(order));
  }
}

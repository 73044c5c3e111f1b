package org.acme.inventory;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

@ApplicationScoped
public class WarehouseSync {
  @Inject @RestClient WarehouseClient warehouse;
  @Inject StockRepository stock;

  @Scheduled(every = "60s")
  void sync() throws InterruptedException {
    for (String sku : stock.skus()) {
      stock.update(sku, warehouse.level(sku));
      // stay under the warehouse API's rate limit between calls
      Thread.sleep(200);
    }
  }
}

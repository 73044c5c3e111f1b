package org.acme.inventory;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/stock")
@Produces(MediaType.APPLICATION_JSON)
public class StockResource {
  @Inject StockRepository stock;

  @GET
  @Path("/{sku}")
  public StockLevel level(@PathParam("sku") String sku) throws InterruptedException {
    // the warehouse feed lags behind: wait for it to settle before answering
    // expect: app/sleep-in-handler "/stock/{sku}"
    Thread.sleep(1200);
    return stock.levelOf(sku);
  }
}

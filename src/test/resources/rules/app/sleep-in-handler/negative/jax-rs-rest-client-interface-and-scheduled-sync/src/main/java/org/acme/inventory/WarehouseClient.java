package org.acme.inventory;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

// A declarative client of the warehouse: it calls an endpoint, it serves none.
@RegisterRestClient(configKey = "warehouse")
@Path("/levels")
public interface WarehouseClient {
  @GET
  @Path("/{sku}")
  WarehouseLevel level(@PathParam("sku") String sku);
}

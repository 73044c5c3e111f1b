package org.acme.ledger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/ledger")
public class LedgerResource {
  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String balance() {
    return "0.00";
  }
}

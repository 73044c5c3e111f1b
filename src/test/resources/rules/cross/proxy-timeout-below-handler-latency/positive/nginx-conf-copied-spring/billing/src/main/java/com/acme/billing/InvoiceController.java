package com.acme.billing;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/invoices")
public class InvoiceController {

  @GetMapping
  public List<String> list() {
    return List.of();
  }

  @GetMapping("/export")
  public String export() throws InterruptedException {
    // give the ledger replica time to catch up before exporting
    Thread.sleep(8000);
    return "ok";
  }
}

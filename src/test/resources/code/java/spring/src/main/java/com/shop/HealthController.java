package com.shop;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class HealthController {

  @RequestMapping(value = "/healthz", method = RequestMethod.GET)
  public ResponseEntity<String> healthz() {
    return ResponseEntity.status(503).body("database pool not initialised");
  }

  @RequestMapping(path = {"/", "/index"})
  public String index() {
    return "shop";
  }
}

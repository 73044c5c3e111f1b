package com.acme.billing;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class HealthController {

  @GetMapping("/health")
  public ResponseEntity<String> health() {
    // expect: app/health-endpoint-fails "/health answers 500 on every call"
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("DOWN");
  }
}

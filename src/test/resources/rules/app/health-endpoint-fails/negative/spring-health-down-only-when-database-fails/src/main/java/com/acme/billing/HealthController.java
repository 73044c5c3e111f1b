package com.acme.billing;

import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class HealthController {
  private final DataSource dataSource;

  public HealthController(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @GetMapping("/health")
  public ResponseEntity<String> health() {
    try (var connection = dataSource.getConnection()) {
      if (connection.isValid(1)) {
        return ResponseEntity.ok("UP");
      }
    } catch (java.sql.SQLException e) {
      // fall through: the database is unreachable
    }
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("DOWN");
  }
}

package com.acme.reports;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportController {

  @GetMapping("/reports/latest")
  public String latest() {
    return "report-2024-05-01.csv";
  }
}

package com.acme.reports;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs on the scheduler's thread: its pause between batches delays no request. */
@Component
public class ReportJob {

  @Scheduled(fixedDelay = 60_000)
  public void export() throws InterruptedException {
    for (int batch = 0; batch < 10; batch++) {
      System.out.println("exported batch " + batch);
      Thread.sleep(500);
    }
  }
}

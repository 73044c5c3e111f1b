import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { ReportsRepository } from './reports.repository';

@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(private readonly reports: ReportsRepository) {}

  @Cron(CronExpression.EVERY_HOUR)
  async rollUp() {
    for (const batch of await this.reports.pendingBatches()) {
      await this.reports.rollUp(batch);
      // the warehouse throttles bulk writes: pause between batches
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    this.logger.log('hourly roll-up done');
  }
}

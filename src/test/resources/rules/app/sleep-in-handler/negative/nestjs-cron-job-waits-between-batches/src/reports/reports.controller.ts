import { Controller, Get } from '@nestjs/common';
import { ReportsRepository } from './reports.repository';

@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsRepository) {}

  @Get('latest')
  latest() {
    return this.reports.latest();
  }
}

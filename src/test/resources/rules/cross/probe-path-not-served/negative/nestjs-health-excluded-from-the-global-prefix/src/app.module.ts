import { Module } from '@nestjs/common';
import { HealthController } from './health/health.controller';
import { OrdersController } from './orders/orders.controller';

@Module({ controllers: [OrdersController, HealthController] })
export class AppModule {}

import { Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { OrdersService } from './orders.service';

@Controller({ path: 'orders' })
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get(':id')
  async byId(@Param('id') id: string) {
    return this.orders.find(id);
  }

  @Put(':id/cancel')
  @HttpCode(202)
  async cancel(@Param('id') id: string) {
    await this.orders.cancel(id);
  }
}

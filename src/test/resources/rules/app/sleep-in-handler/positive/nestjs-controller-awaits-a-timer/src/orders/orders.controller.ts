import { Controller, Get, Param } from '@nestjs/common';
import { OrdersService } from './orders.service';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get(':id')
  async findOne(@Param('id') id: string) {
    // let the read replica catch up with the write that just happened
    // expect: app/sleep-in-handler
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return this.orders.findOne(id);
  }
}

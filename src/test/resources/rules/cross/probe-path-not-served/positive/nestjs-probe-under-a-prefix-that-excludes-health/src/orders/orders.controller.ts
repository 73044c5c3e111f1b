import { Body, Controller, Get, Param, Post } from '@nestjs/common';

@Controller('orders')
export class OrdersController {
  private readonly orders = new Map<string, { id: string; total: number }>();

  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.orders.get(id) ?? null;
  }

  @Post()
  create(@Body() body: { id: string; total: number }) {
    this.orders.set(body.id, body);
    return body;
  }
}

import { Body, Controller, Get, Post } from '@nestjs/common';

const LEDGER_URL = process.env.LEDGER_URL;

@Controller()
export class PaymentsController {
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Post('payments')
  async pay(@Body() body: { amount: number; account: string }) {
    const res = await fetch(`${LEDGER_URL}/entries`, {
      method: 'POST',
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    return res.json();
  }
}

import 'dotenv/config';
import Fastify from 'fastify';
import { webhookRoutes } from './routes/webhooks.js';

const port = Number(process.env.PORT ?? 3000);
const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  throw new Error('WEBHOOK_SECRET is required');
}

const app = Fastify({ logger: true });

app.get('/healthz', async () => ({ status: 'ok' }));
await app.register(webhookRoutes, { prefix: '/hooks', secret });

await app.listen({ port, host: '0.0.0.0' });

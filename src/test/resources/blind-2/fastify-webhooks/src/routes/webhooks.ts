import type { FastifyInstance } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { forward } from '../lib/forward.js';

const failureRate = Number(process.env.FAILURE_RATE ?? 0);

export async function webhookRoutes(app: FastifyInstance, opts: { secret: string }) {
  app.post('/:partner', async (request, reply) => {
    const signature = String(request.headers['x-signature'] ?? '');
    const expected = createHmac('sha256', opts.secret).update(JSON.stringify(request.body)).digest('hex');
    if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
      return reply.code(401).send({ error: 'bad signature' });
    }
    if (Math.random() < failureRate) {
      return reply.code(503).send({ error: 'simulated outage' });
    }
    await forward(request.params as { partner: string }, request.body);
    return reply.code(202).send({ accepted: true });
  });
}

const fastify = require('fastify')({ logger: true });

fastify.get('/health', async () => ({ ok: true }));
fastify.post('/notify', async (request) => ({ queued: request.body?.to ?? null }));

fastify.listen({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' }, (err) => {
  if (err) {
    fastify.log.error(err);
    process.exit(1);
  }
});

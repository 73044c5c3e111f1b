const express = require('express');
const { createClient } = require('redis');
const pricing = require('./pricing');

const PORT = process.env.PORT || 3000;
const logLevel = process.env.LOG_LEVEL || 'info';

const redis = createClient({ url: process.env.REDIS_URL });
const app = express();
app.use(express.json());

app.get('/healthz', (req, res) => {
  res.json({ status: 'ok' });
});

app.get('/ready', async (req, res) => {
  const pong = await redis.ping();
  res.status(pong === 'PONG' ? 200 : 503).end();
});

app.get('/cart/:id', async (req, res) => {
  const items = await redis.lRange(`cart:${req.params.id}`, 0, -1);
  res.json({ id: req.params.id, items: items.map(JSON.parse) });
});

app.post('/cart/:id/items', async (req, res) => {
  const price = await pricing.quote(req.body.sku);
  await redis.rPush(`cart:${req.params.id}`, JSON.stringify({ ...req.body, price }));
  res.status(201).json({ price });
});

redis.connect().then(() => {
  app.listen(PORT, () => console.log(`[${logLevel}] cart listening on ${PORT}`));
});

const express = require('express');
const StatsD = require('hot-shots');

const app = express();
const metrics = new StatsD({ host: '127.0.0.1', port: 9125 });

app.use(express.json());

app.get('/healthz', (req, res) => res.json({ status: 'ok' }));

app.post('/orders', (req, res) => {
  metrics.increment('orders.created');
  res.status(201).json({ id: Date.now(), items: req.body.items || [] });
});

app.listen(3000, () => console.log('orders listening on 3000'));

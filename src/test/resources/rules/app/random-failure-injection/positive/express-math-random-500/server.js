const express = require('express');

const app = express();

app.get('/stock/:sku', (req, res) => {
  // expect: app/random-failure-injection "GET /stock/:sku answers 500 when Math.random() < 0.3 (about 30% of requests)"
  if (Math.random() < 0.3) {
    return res.status(500).json({ error: 'simulated outage' });
  }
  res.json({ sku: req.params.sku, available: 12 });
});

app.post('/reserve', async (req, res, next) => {
  // expect: app/random-failure-injection "POST /reserve throws Error when Math.floor(Math.random() * 4) === 0 (about 25% of requests)"
  if (Math.floor(Math.random() * 4) === 0) {
    throw new Error('reservation lost');
  }
  res.status(201).json({ reserved: true });
});

app.listen(3000);

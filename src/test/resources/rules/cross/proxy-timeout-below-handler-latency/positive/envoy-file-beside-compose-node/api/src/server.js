const express = require('express');

const app = express();
app.use(express.json());

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));

app.post('/api/quotes', async (req, res) => {
  // simulate the pricing engine until the real integration lands
  await sleep(3000 + Math.random() * 5000);
  res.status(201).json({ quote: 42.5, currency: 'EUR' });
});

app.listen(process.env.PORT || 3000, () => console.log('quotes api up'));

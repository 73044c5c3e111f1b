const express = require('express');

const app = express();
const PORT = process.env.PORT || 3000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

app.get('/products', async (req, res) => {
  // pretend the warehouse is slow
  // expect: app/sleep-in-handler "GET /products sleeps in await sleep(1500) on every request"
  await sleep(1500);
  res.json([{ id: 1, name: 'laptop' }]);
});

app.get('/products/:id', (req, res) => {
  // expect: app/sleep-in-handler "GET /products/:id responds only after setTimeout(..., 2000)"
  setTimeout(() => {
    res.json({ id: req.params.id, name: 'laptop' });
  }, 2000);
});

app.get('/health', (req, res) => res.json({ status: 'ok' }));

app.listen(PORT, () => console.log(`catalog listening on ${PORT}`));

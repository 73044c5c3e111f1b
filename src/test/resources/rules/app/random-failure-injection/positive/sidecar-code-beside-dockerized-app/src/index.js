const express = require('express');

const app = express();
const products = new Map([['sku-1', { name: 'Kettle', price: 39 }]]);

app.get('/healthz', (req, res) => res.send('ok'));
app.get('/products/:sku', (req, res) => {
  const p = products.get(req.params.sku);
  if (!p) return res.status(404).end();
  res.json(p);
});

app.listen(3000);

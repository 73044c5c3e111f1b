const express = require('express');

const app = express();

app.get('/healthz', (req, res) => {
  // TODO: check the database before reporting healthy
  res.status(500).json({ status: 'unknown' });
});

app.get('/api/rates', (req, res) => res.json({ eur: 1.08 }));

app.listen(8080);

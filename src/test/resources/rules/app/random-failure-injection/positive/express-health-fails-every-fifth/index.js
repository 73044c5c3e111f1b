const express = require('express');

const app = express();
let checks = 0;

app.get('/healthz', (req, res) => {
  // expect: app/random-failure-injection "by a request counter: 20% of requests"
  if (++checks % 5 === 0) {
    return res.status(500).json({ ok: false });
  }
  res.json({ ok: true, checks });
});

app.get('/invoices/:id', (req, res) => res.json({ id: req.params.id, total: 0 }));

app.listen(process.env.PORT || 8080);

const express = require('express');

const app = express();
const started = Date.now();
let served = 0;

app.get('/healthz', (req, res) => {
  served += 1;
  // Log a heartbeat line every 100 checks; the answer never depends on it.
  if (served % 100 === 0) {
    console.log(`healthz served ${served} times, up ${Math.round((Date.now() - started) / 1000)} s`);
  }
  res.json({ ok: true });
});

app.listen(3000);

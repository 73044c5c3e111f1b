const express = require('express');

const app = express();
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

app.get('/healthz', (req, res) => res.send('ok'));

app.get('/products', (req, res) => res.json([{ id: 1, name: 'mug' }]));

// Used by the SRE workshop to show a slow dependency on the dashboards.
app.get('/simulate/slow', async (req, res) => {
  // expect: app/sleep-in-handler "a demo route, slow on purpose by its name"
  await wait(Number(req.query.ms) || 5000);
  res.json({ slept: true });
});

app.listen(8080);

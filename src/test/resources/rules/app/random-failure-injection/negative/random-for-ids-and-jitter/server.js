const express = require('express');
const app = express();

app.post('/sessions', (req, res) => {
  const id = Math.random().toString(36).slice(2);
  const jitterMs = Math.floor(Math.random() * 100);
  if (Math.random() < 0.05) {
    console.log(`sampled session ${id}`);
  }
  res.status(201).json({ id, refreshInMs: 60000 + jitterMs });
});

app.listen(3000);

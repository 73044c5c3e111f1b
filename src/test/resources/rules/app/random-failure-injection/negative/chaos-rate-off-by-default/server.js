// A small in-memory "database" with an HTTP API.
const express = require('express');
const crypto = require('crypto');

const PORT = parseInt(process.env.DB_PORT || '8080', 10);
// Chaos hook for game days: off unless the environment turns it on.
const CHAOS_FAILURE_RATE = parseFloat(process.env.CHAOS_FAILURE_RATE || '0');

const app = express();
app.use(express.json());
const records = new Map();

app.post('/records', (req, res) => {
  if (Math.random() < CHAOS_FAILURE_RATE) {
    return res.status(500).json({ error: 'simulated database failure' });
  }
  const id = crypto.randomUUID();
  records.set(id, { id, ...req.body });
  res.status(201).json({ id });
});

app.listen(PORT);

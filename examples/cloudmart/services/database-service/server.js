// A small in-memory "database" with an HTTP API.
const express = require('express');
const crypto = require('crypto');

const DB_NAME = process.env.DB_NAME;
if (!DB_NAME) {
  console.error('FATAL: DB_NAME environment variable is required');
  process.exit(1);
}

const PORT = parseInt(process.env.DB_PORT || '8080', 10);
const CHAOS_FAILURE_RATE = parseFloat(process.env.CHAOS_FAILURE_RATE || '0');

const app = express();
app.use(express.json());

const records = new Map();

app.get('/health', (req, res) => res.json({ status: 'ok', db: DB_NAME, records: records.size }));

app.post('/records', (req, res) => {
  if (Math.random() < CHAOS_FAILURE_RATE) {
    return res.status(500).json({ error: 'simulated database failure' });
  }
  const id = crypto.randomUUID();
  records.set(id, { id, ...req.body });
  res.status(201).json({ id });
});

app.get('/records/:id', (req, res) => {
  const record = records.get(req.params.id);
  if (!record) return res.status(404).json({ error: 'not found' });
  res.json(record);
});

app.listen(PORT, () => console.log(`database-service (${DB_NAME}) listening on ${PORT}`));

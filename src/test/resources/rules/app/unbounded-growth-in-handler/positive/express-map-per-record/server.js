const express = require('express');
const crypto = require('crypto');

const app = express();
app.use(express.json());
const records = new Map();
const audit = [];

app.post('/records', (req, res) => {
  const id = crypto.randomUUID();
  // expect: app/unbounded-growth-in-handler "records gets a new entry on every request (records.set(...)) and nothing ever removes one (in POST /records)"
  records.set(id, { id, ...req.body });
  // expect: app/unbounded-growth-in-handler "audit gets a new entry on every request"
  audit.push({ id, at: Date.now() });
  res.status(201).json({ id });
});

app.get('/records/:id', (req, res) => {
  const record = records.get(req.params.id);
  if (!record) return res.status(404).json({ error: 'not found' });
  res.json(record);
});

app.listen(8080);

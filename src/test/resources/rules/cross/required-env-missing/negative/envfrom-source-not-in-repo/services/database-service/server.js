// A small in-memory "database" with an HTTP API.
const express = require('express');

const DB_NAME = process.env.DB_NAME;
if (!DB_NAME) {
  console.error('FATAL: DB_NAME environment variable is required');
  process.exit(1);
}

const PORT = parseInt(process.env.DB_PORT || '8080', 10);
const app = express();

app.get('/health', (req, res) => res.json({ status: 'ok', db: DB_NAME }));

app.listen(PORT, () => console.log(`database-service (${DB_NAME}) listening on ${PORT}`));

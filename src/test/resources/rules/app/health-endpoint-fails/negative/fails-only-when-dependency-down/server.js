const express = require('express');
const { pool } = require('./db');

const app = express();

app.get('/ready', async (req, res) => {
  try {
    await pool.query('SELECT 1');
    res.json({ ready: true });
  } catch (err) {
    res.status(503).json({ ready: false });
  }
});

app.listen(3000);

const express = require('express');
const app = express();

// expect: app/health-endpoint-fails "GET /health answers 503 on every call"
app.get('/health', (req, res) => {
  res.sendStatus(503);
});

app.get('/payments/:id', (req, res) => res.json({ id: req.params.id }));

app.listen(3000);

const express = require('express');

const PORT = process.env.PORT || 4000;
const HOST = 'localhost';

const app = express();
app.get('/ready', (req, res) => res.sendStatus(200));
app.get('/search', (req, res) => res.json({ q: req.query.q, hits: [] }));

// expect: app/listens-on-loopback "binds localhost"
app.listen(PORT, HOST, () => console.log(`search on http://${HOST}:${PORT}`));

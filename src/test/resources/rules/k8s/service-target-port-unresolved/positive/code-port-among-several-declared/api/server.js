const express = require('express');

const app = express();
app.get('/v1/orders', (req, res) => res.json([]));
app.get('/healthz', (req, res) => res.send('ok'));

app.listen(8080);

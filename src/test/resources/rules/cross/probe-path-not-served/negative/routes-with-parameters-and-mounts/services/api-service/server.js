const express = require('express');
const statusRouter = require('./routes/status');

const app = express();

app.get('/health/:check', (req, res) => res.json({ check: req.params.check, ok: true }));
app.use('/internal', statusRouter);

app.listen(process.env.PORT || 3000);

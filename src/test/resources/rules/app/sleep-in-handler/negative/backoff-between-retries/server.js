const express = require('express');
const axios = require('axios');

const app = express();
const PORT = process.env.PORT || 3002;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function poll() {
  // a background poller started at boot, not a request handler
  for (;;) {
    await sleep(10000);
  }
}

app.post('/orders', async (req, res) => {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const saved = await axios.post('http://database-service:8080/records', req.body, { timeout: 2000 });
      return res.status(201).json(saved.data);
    } catch (err) {
      await sleep(200 * 2 ** attempt);
    }
  }
  res.status(503).json({ error: 'database unavailable' });
});

poll();
app.listen(PORT);

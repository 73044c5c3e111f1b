const express = require('express');
const axios = require('axios');

const app = express();
app.use(express.json());

const PORT = process.env.PORT || 3002;
const DATABASE_URL = process.env.DATABASE_URL;
const MAX_RETRIES = 5;

async function saveOrder(order) {
  let lastError;
  // expect: app/retry-without-backoff "retry loop around axios.post(...) tries again immediately, with no delay between attempts (in POST /orders)"
  for (let attempt = 1; attempt <= MAX_RETRIES; attempt++) {
    try {
      const res = await axios.post(`${DATABASE_URL}/records`, order, { timeout: 3000 });
      return res.data;
    } catch (err) {
      lastError = err;
      console.warn(`database write failed (attempt ${attempt}): ${err.message}`);
      continue;
    }
  }
  throw lastError;
}

app.post('/orders', async (req, res) => {
  try {
    res.status(201).json(await saveOrder(req.body));
  } catch (err) {
    res.status(500).json({ error: 'could not save order' });
  }
});

app.listen(PORT);

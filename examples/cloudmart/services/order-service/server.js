const express = require('express');
const axios = require('axios');

const app = express();
app.use(express.json());

const PORT = process.env.PORT || 3002;
const DATABASE_URL = process.env.DATABASE_URL;
const NOTIFY_URL = process.env.NOTIFICATION_URL || 'http://notification-service:3004';
const MAX_RETRIES = 5;

async function saveOrder(order) {
  let lastError;
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

app.get('/health', (req, res) => res.json({ status: 'ok' }));

app.post('/orders', async (req, res) => {
  try {
    const saved = await saveOrder({ ...req.body, createdAt: new Date().toISOString() });
    axios.post(`${NOTIFY_URL}/notify`, { orderId: saved.id }, { timeout: 2000 })
      .catch((err) => console.warn(`notification failed: ${err.message}`));
    res.status(201).json(saved);
  } catch (err) {
    console.error(`order not saved: ${err.message}`);
    res.status(500).json({ error: 'could not save order' });
  }
});

app.listen(PORT, () => console.log(`order-service listening on ${PORT}`));

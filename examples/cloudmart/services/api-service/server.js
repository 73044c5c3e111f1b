const express = require('express');
const axios = require('axios');

const app = express();
app.use(express.json());

const PORT = process.env.PORT || 3000;
const AUTH_URL = process.env.AUTH_SERVICE_URL || 'http://auth-service:3001';
const ORDER_URL = process.env.ORDER_SERVICE_URL || 'http://order-service:3002';

const http = axios.create({ timeout: 5000 });

app.get('/health', (req, res) => {
  res.json({ status: 'ok' });
});

app.post('/api/orders', async (req, res) => {
  try {
    const auth = await http.post(`${AUTH_URL}/verify`, { token: req.get('authorization') || 'guest' });
    if (!auth.data.valid) {
      return res.status(401).json({ error: 'unauthorized' });
    }
    const order = await http.post(`${ORDER_URL}/orders`, req.body);
    res.status(201).json(order.data);
  } catch (err) {
    console.error('order failed:', err.message);
    res.status(502).json({ error: 'upstream failure' });
  }
});

app.listen(PORT, () => {
  console.log(`api-service listening on ${PORT}`);
});

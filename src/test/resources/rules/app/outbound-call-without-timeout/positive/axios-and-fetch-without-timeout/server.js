const express = require('express');
const axios = require('axios');

const app = express();
const AUTH_URL = process.env.AUTH_SERVICE_URL || 'http://auth-service:3001';

app.post('/api/orders', async (req, res) => {
  // expect: app/outbound-call-without-timeout "HTTP call to $AUTH_SERVICE_URL (default http://auth-service:3001) has no timeout"
  const auth = await axios.post(`${AUTH_URL}/verify`, { token: req.get('authorization') });
  if (!auth.data.valid) {
    return res.status(401).json({ error: 'unauthorized' });
  }
  // expect: app/outbound-call-without-timeout "HTTP call to http://order-service:3002 has no timeout"
  const order = await fetch('http://order-service:3002/orders', { method: 'POST', body: JSON.stringify(req.body) });
  res.status(201).json(await order.json());
});

app.listen(3000);

const express = require('express');
const axios = require('axios');

const app = express();
app.use(express.json());
const PORT = process.env.PORT || 3000;

app.get('/health', (req, res) => {
  res.json({ status: 'ok' });
});

app.post('/api/orders', async (req, res) => {
  const order = await axios.post('http://order-service:3002/orders', req.body, { timeout: 5000 });
  res.status(201).json(order.data);
});

app.use((req, res) => res.status(404).json({ error: 'not found' }));

app.listen(PORT, () => console.log(`api-service listening on ${PORT}`));

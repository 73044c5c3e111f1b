const express = require('express');

const app = express();
app.use(express.json());

const PORT = process.env.PORT || 3004;

app.get('/health', (req, res) => res.json({ status: 'ok' }));

app.post('/notify', (req, res) => {
  console.log(`webhook: order ${req.body.orderId} confirmed`);
  res.status(202).json({ queued: true });
});

app.listen(PORT, () => console.log(`notification-service listening on ${PORT}`));

// Local development gateway; production uses the nginx Deployment in k8s/.
const express = require('express');
const { createProxyMiddleware } = require('http-proxy-middleware');

const app = express();
app.get('/healthz', (req, res) => res.send('ok'));
app.use('/api/orders', createProxyMiddleware({ target: process.env.ORDERS_URL || 'http://localhost:3000' }));
app.listen(8080);

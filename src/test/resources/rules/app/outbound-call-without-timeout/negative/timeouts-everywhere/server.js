const axios = require('axios');

const http = axios.create({ baseURL: 'http://order-service:3002', timeout: 5000 });

async function orders(config) {
  await http.get('/orders');
  await axios.get('http://auth-service:3001/health', config);
  await fetch('http://auth-service:3001/verify', { signal: AbortSignal.timeout(2000) });
  return axios.get('http://inventory:8080/stock', { timeout: 1500 });
}

module.exports = { orders };

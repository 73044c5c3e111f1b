const axios = require('axios');

const PRICING_URL = process.env.PRICING_URL || 'http://pricing:8080';

async function quote(sku) {
  let lastError;
  for (let i = 0; i < 10; i++) {
    try {
      const res = await axios.get(`${PRICING_URL}/prices/${sku}`, { timeout: 2000 });
      return res.data.amount;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

module.exports = { quote };

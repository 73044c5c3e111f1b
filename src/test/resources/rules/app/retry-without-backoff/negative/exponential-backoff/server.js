const axios = require('axios');
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

async function notify(url, body) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await axios.post(url, body, { timeout: 2000 });
    } catch (err) {
      await delay(250 * 2 ** attempt);
    }
  }
  throw new Error('notification failed');
}

module.exports = { notify };

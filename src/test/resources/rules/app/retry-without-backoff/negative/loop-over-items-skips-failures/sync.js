const axios = require('axios');

async function pushAll(items, url) {
  for (const item of items) {
    try {
      await axios.post(url, item, { timeout: 5000 });
    } catch (err) {
      console.error(`could not push ${item.id}`);
      continue;
    }
  }
}

module.exports = { pushAll };

const express = require('express');

const app = express();
app.use(express.json());
// Token cache: verified tokens are kept for 5 minutes.
const verified = new Map();
const recent = [];

app.post('/verify', (req, res) => {
  const token = req.body.token;
  verified.set(token, { user: 'guest', expires: Date.now() + 5 * 60 * 1000 });
  recent.push(token);
  if (recent.length > 100) recent.shift();
  res.json({ valid: true });
});

setInterval(() => {
  const now = Date.now();
  for (const [token, entry] of verified) {
    if (entry.expires <= now) verified.delete(token);
  }
}, 60 * 1000);

app.listen(3001);

const express = require('express');
const jwt = require('jsonwebtoken');

const app = express();
app.use(express.json());

const PORT = process.env.PORT || 3001;
const SECRET = process.env.JWT_SECRET || 'dev-secret';

// Token cache: verified tokens are kept for 5 minutes.
const verified = new Map();

app.get('/health', (req, res) => res.json({ status: 'ok' }));

app.post('/verify', (req, res) => {
  const token = req.body.token;
  const cached = verified.get(token);
  if (cached && cached.expires > Date.now()) {
    return res.json({ valid: true, user: cached.user });
  }
  try {
    const user = token === 'guest' ? { sub: 'guest' } : jwt.verify(token, SECRET);
    verified.set(token, { user, expires: Date.now() + 5 * 60 * 1000 });
    res.json({ valid: true, user });
  } catch (err) {
    res.status(401).json({ valid: false });
  }
});

setInterval(() => {
  const now = Date.now();
  for (const [token, entry] of verified) {
    if (entry.expires <= now) verified.delete(token);
  }
}, 60 * 1000);

app.listen(PORT, () => console.log(`auth-service listening on ${PORT}`));

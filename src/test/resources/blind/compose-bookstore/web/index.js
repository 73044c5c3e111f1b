const express = require('express');

const app = express();
const catalogue = process.env.CATALOGUE_URL;
const port = 3000;

app.get('/', async (req, res) => {
  const response = await fetch(`${catalogue}/books`, { signal: AbortSignal.timeout(3000) });
  const books = await response.json();
  res.send(`<ul>${books.map((b) => `<li>${b.title}</li>`).join('')}</ul>`);
});

app.listen(port, '0.0.0.0', () => console.log(`storefront on ${port}`));

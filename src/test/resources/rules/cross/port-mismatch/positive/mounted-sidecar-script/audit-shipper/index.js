// Tails the ledger's audit log from the shared volume and reports its progress.
const http = require('http');
const fs = require('fs');

let shipped = 0;
fs.watch('/var/log/ledger', () => { shipped += 1; });

http
  .createServer((req, res) => {
    if (req.url === '/progress') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ shipped }));
    }
    res.writeHead(404);
    res.end();
  })
  .listen(7070);

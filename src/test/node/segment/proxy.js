// A pass-through HTTP proxy in front of Cueflow that records each response status and, when asked,
// answers the first request with a 503 after Cueflow has stored it (as a load balancer does when the
// upstream answer is lost), so the SDK's retry must be recognised by its messageIds.
'use strict';
const http = require('http');

function start(target, { failFirst = false } = {}) {
  const statuses = [];
  let seen = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const first = seen++ === 0;
      const upstream = http.request(target + req.url, { method: req.method, headers: req.headers }, (answer) => {
        const body = [];
        answer.on('data', (c) => body.push(c));
        answer.on('end', () => {
          const status = failFirst && first ? 503 : answer.statusCode;
          statuses.push({ path: req.url, cueflow: answer.statusCode, sdkSaw: status,
            ...(answer.statusCode >= 300 ? { body: Buffer.concat(body).toString() } : {}) });
          res.writeHead(status, { 'Content-Type': 'application/json' });
          if (answer.statusCode >= 300) console.error(JSON.stringify(statuses[statuses.length - 1]));
          res.end(status === 503 ? '{"success": false}' : Buffer.concat(body));
        });
      });
      upstream.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
      upstream.end(Buffer.concat(chunks));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: 'http://127.0.0.1:' + server.address().port,
    statuses,
    close: () => new Promise((done) => server.close(done)),
  })));
}

module.exports = { start };

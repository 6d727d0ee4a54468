// node_baseline — a Node `ws` server with the same routes as qt_baseline:
//   /echo (echo), /broadcast (to every /broadcast connection, the sender included),
//   anything else accepted and kept open. Prints "listening <port>".
// Uses the `ws` package installed for the e2e tests (tests/e2e/node).
const path = require('path');
const WebSocket = require(path.join(__dirname, '..', 'e2e', 'node', 'node_modules', 'ws'));

const portArg = process.argv.indexOf('--port');
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 0;
const broadcast = new Set();
const server = new WebSocket.Server({ host: '127.0.0.1', port, perMessageDeflate: false, backlog: 4096 });
server.on('connection', (ws, req) => {
  if (req.url === '/echo') {
    ws.on('message', (data) => ws.send(data));
  } else if (req.url === '/broadcast') {
    broadcast.add(ws);
    ws.on('message', (data) => { for (const to of broadcast) to.send(data); });
    ws.on('close', () => broadcast.delete(ws));
  }
});
server.on('listening', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));

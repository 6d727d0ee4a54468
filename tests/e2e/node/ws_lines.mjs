// A Node `ws` client driven line by line, for tests written in Python (tests/cluster/):
//   node ws_lines.mjs URL
// stdout: {"open":true}, then {"message":"…"} per message received (binary as base64 in
// "binary"), and {"closed":code,"reason":"…"} or {"error":"…"} before it exits.
// stdin: {"send":"text"} or {"close":code} per line.
import WebSocket from "ws";
import { createInterface } from "node:readline";

const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const ws = new WebSocket(process.argv[2]);
ws.on("open", () => out({ open: true }));
ws.on("message", (data, isBinary) => out(isBinary ? { binary: data.toString("base64") } : { message: data.toString() }));
ws.on("close", (code, reason) => { out({ closed: code, reason: reason.toString() }); process.exit(0); });
ws.on("error", (e) => { out({ error: e.message }); process.exit(0); });
createInterface({ input: process.stdin }).on("line", (line) => {
  const cmd = JSON.parse(line);
  if ("send" in cmd) ws.send(cmd.send);
  if ("close" in cmd) ws.close(cmd.close);
});

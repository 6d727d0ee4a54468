// e2e: the channels service (seed 004) with Node `ws` clients that follow the seed document
// literally (PONG on PING, ACK when requires_ack) and `curl` for emit and Server-Sent Events.
import WebSocket from "ws";
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { startDaemon, checker } from "./daemon.mjs";

const run = promisify(execFile);
const { check, finish } = checker();
const daemon = await startDaemon();
const base = daemon.urls.channels;
const wsBase = base.replace(/^http/, "ws");

function seedClient(channel, query = "", { ack = true } = {}) {
  const ws = new WebSocket(`${wsBase}/${channel}/listen${query}`);
  const client = { ws, events: [], id: null };
  client.connected = new Promise((resolve) => {
    ws.on("message", (raw) => {
      const e = JSON.parse(raw.toString());
      client.events.push(e);
      if (e.type === "CONNECTED") { client.id = e.clientID; resolve(e); }
      if (e.type === "PING") ws.send(JSON.stringify({ type: "PONG" }));
      if (e.type === "DATA" && e.requires_ack && ack) ws.send(JSON.stringify({ type: "ACK", payload: { eventID: e.eventID } }));
    });
  });
  // The first event (already received or still to come) that matches.
  client.waitFor = (match, ms = 10000) => new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const poll = setInterval(() => {
      const e = client.events.find(match);
      if (e) { clearInterval(poll); resolve(e); }
      else if (Date.now() > deadline) { clearInterval(poll); reject(new Error("timed out waiting for an event")); }
    }, 10);
  });
  return client;
}

const curl = async (...args) => (await run("curl", ["-s", "-w", "\n%{http_code}", ...args])).stdout;
const status = (out) => Number(out.slice(out.lastIndexOf("\n") + 1));
const body = (out) => JSON.parse(out.slice(0, out.lastIndexOf("\n")));

try {
  const presence = encodeURIComponent(JSON.stringify({ username: "Cerulean" }));
  const a = seedClient("news", `?presence=${presence}`);
  const first = await a.connected;
  check(/^client_[A-Za-z0-9_-]{8}$/.test(first.clientID), "CONNECTED carries the client's id: " + first.clientID);
  check(first.payload.members[0].presence.username === "Cerulean", "presence from the query parameter");
  const b = seedClient("news");
  await b.connected;
  const joined = await a.waitFor((e) => e.type === "PRESENCE:JOINED");
  check(joined.payload.clientID === b.id, "PRESENCE:JOINED reaches the first member");

  // curl POST with a JSON body, waiting for both ACKs.
  let out = await curl("-X", "POST", "-H", "Content-Type: application/json", "-d", '{"hello":"world"}', `${base}/news/emit?require-ack=true`);
  check(status(out) === 200, "curl POST emit with require-ack: 200 once both ACKed");
  check(body(out).acked.length === 2 && body(out).delivered === 2, "acked lists both clients");
  const data = a.events.find((e) => e.type === "DATA");
  check(data && data.payload.hello === "world" && data.requires_ack === true && data.clientID === a.id && data.latency >= 0,
        "DATA carries payload, requires_ack, the recipient's clientID and latency");

  // curl GET with query parameters as the payload, to one chosen client.
  out = await curl(`${base}/news/emit?clients=${b.id},client_gone123&greeting=hi`);
  check(status(out) === 200 && body(out).delivered === 1 && body(out).missing[0] === "client_gone123", "GET emit to chosen clients reports the missing one");
  const got = await b.waitFor((e) => e.type === "DATA" && e.payload.greeting);
  check(got.payload.greeting === "hi" && !("clients" in got.payload), "query parameters become the payload");

  // A client that never ACKs: 408 with the pending id after the 5 s default.
  const silent = seedClient("quiet", "", { ack: false });
  await silent.connected;
  const started = Date.now();
  out = await curl(`${base}/quiet/emit?require-ack=true`);
  check(status(out) === 408 && body(out).pending[0] === silent.id, "ACK timeout: 408 listing the pending client");
  check(Date.now() - started >= 4900, "the ACK timeout is the seed's 5 seconds");

  // Server-Sent Events with curl: the same events as text/event-stream.
  const sse = spawn("curl", ["-sN", "--max-time", "3", `${base}/news/listen`]);
  let stream = "";
  sse.stdout.on("data", (d) => { stream += d; });
  await new Promise((r) => setTimeout(r, 500));
  await curl(`${base}/news/emit?via=sse`);
  await new Promise((r) => sse.on("exit", r));
  check(stream.includes('"type":"CONNECTED"') && stream.includes('"via":"sse"'), "curl -N streams CONNECTED and DATA as SSE");

  // Errors do not disconnect.
  a.ws.send("not json");
  const err = await a.waitFor((e) => e.type === "ERROR");
  check(err.payload.code === "INVALID_JSON" && a.ws.readyState === WebSocket.OPEN, "bad JSON gets ERROR, connection stays");

  b.ws.close();
  const left = await a.waitFor((e) => e.type === "PRESENCE:LEFT" && e.payload.clientID === b.id);
  check(left.payload.clientID === b.id, "PRESENCE:LEFT when a member closes");
  for (const c of [a, silent]) c.ws.close();
} catch (e) {
  check(false, "channels flow: " + e.message);
} finally {
  daemon.stop();
}
finish();

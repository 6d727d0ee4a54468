// e2e: the felix socket (seed 002) opened by the seed's own Node snippet, verbatim apart
// from host and token, with npm `ws`; then heartbeats, a subscription and a live update.
(async () => {
  const { startDaemon, checker } = await import("./daemon.mjs");
  const { check, finish } = checker();
  const daemon = await startDaemon();
  const host = daemon.urls.felix.replace(/^http:\/\//, "");
  const created = daemon.admin("token", "create", "--name", "baguette-bot", "--scope", "private");
  const TOKEN = created.stdout.trim().split("\n")[1];
  check(created.status === 0 && TOKEN.startsWith("sbp_"), "switchboardd token create prints a private token");

  try {
    // ---- the seed's snippet ----
    const WebSocket = require('ws');

    const ws = new WebSocket(`ws://${host}`, null, {
        perMessageDeflate: false,
        headers: {
            'Authorization': TOKEN,
            'User-Agent': 'Baguette Corporation'
        }
    });
    // ----------------------------

    const messages = [];
    ws.on("message", (raw) => messages.push(JSON.parse(raw.toString())));
    await new Promise((resolve, reject) => { ws.on("open", resolve); ws.on("error", reject); });
    check(true, "the seed's snippet connects");
    const waitFor = (code) => new Promise((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        const m = messages.find((x) => x.code === code);
        if (m) { clearInterval(poll); resolve(m); }
        else if (Date.now() - t0 > 10000) { clearInterval(poll); reject(new Error("no " + code)); }
      }, 10);
    });

    ws.send(JSON.stringify({ code: 20001 }));
    const hb = await waitFor(10001);
    check(Array.isArray(hb.data.shards) && hb.data.shards.length >= 1 && typeof hb.data.memoryUsage === "number"
          && typeof hb.data.uptime === "number" && typeof hb.data.receivedAt === "number", "heartbeat ACK 10001 has its fields");

    // Unknown codes are not processed (the seed's own example, 20005).
    ws.send(JSON.stringify({ code: 20005, data: { baguette: 'baguette, indeed.' } }));
    ws.send(JSON.stringify({ code: 20002, data: { users: [], guilds: ["1234"] } }));
    await new Promise((r) => setTimeout(r, 200));
    const put = await fetch(`http://${host}/guilds/1234`, {
      method: "PUT", headers: { Authorization: "Bearer " + TOKEN, "Content-Type": "application/json" },
      body: JSON.stringify({ prefix: "f." }) });
    check(put.status === 201, "REST PUT creates the guild document");
    const update = await waitFor(10002);
    check(update.data.guildID === "1234" && update.data.guildData.prefix === "f.", "10002 GDB update reaches the subscriber");
    check(!messages.some((m) => m.code !== 10001 && m.code !== 10002), "nothing answers the unknown code 20005");
    ws.close();

    // No token, or a Bearer form: 403 before the handshake, as ws reports it.
    for (const [what, headers] of [["no Authorization header", {}], ["a Bearer token", { Authorization: "Bearer " + TOKEN }]]) {
      const bad = new WebSocket(`ws://${host}`, null, { perMessageDeflate: false, headers });
      const status = await new Promise((resolve) => {
        bad.on("unexpected-response", (req, res) => resolve(res.statusCode));
        bad.on("open", () => resolve(101));
        bad.on("error", () => {});
      });
      check(status === 403, `${what}: unexpected-response with status 403 (got ${status})`);
    }
  } catch (e) {
    check(false, "felix flow: " + e.message);
  } finally {
    daemon.stop();
  }
  finish();
})();

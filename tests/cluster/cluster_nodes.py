"""Cluster mode (docs/cluster.md) end to end: a real redis-server and PostgreSQL 15 in a
scratch directory, two switchboardd nodes A and B on them, and outside clients (Python
`websockets`, urllib) on both. Run by ctest (label `cluster`) with SWITCHBOARDD set."""
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import websockets

from services import Services, free_port  # noqa: E402

from clusterlib import check, closed_with, failures, http, node, passes, recv_json  # noqa: E402
from felix_order import felix_order  # noqa: E402
from pop_locks import pop_locks  # noqa: E402
from shared_limits import shared_limits  # noqa: E402


def run_refused(args, timeout=30):
    t0 = time.time()
    p = subprocess.run([os.environ["SWITCHBOARDD"], "--data-dir", tempfile.mkdtemp(), "--no-announce",
                        "--port", "chat=0", "--port", "generic=0", "--port", "channels=0", "--port", "felix=0",
                        "--port", "pop=0", "--admin", "off", *args], capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stderr + p.stdout, time.time() - t0


def configuration(s):
    db = s.new_database()
    rc, out, _ = run_refused(["--redis", s.redis_url])
    check(rc != 0 and "--database" in out and "missing" in out, "Redis alone is refused, naming --database: " + out.strip()[-160:])
    rc, out, _ = run_refused(["--database", db])
    check(rc != 0 and "--redis" in out and "missing" in out, "PostgreSQL alone is refused, naming --redis: " + out.strip()[-160:])
    rc, out, secs = run_refused(["--redis", "redis://127.0.0.1:%d/0" % free_port(), "--database", db])
    check(rc != 0 and "cannot connect to Redis" in out and secs < 15, "unreachable Redis: a clear error in %.1f s: %s" % (secs, out.strip()[-160:]))
    rc, out, secs = run_refused(["--redis", s.redis_url, "--database", "postgresql://nobody:x@127.0.0.1:%d/none" % free_port()])
    check(rc != 0 and "cannot connect to PostgreSQL" in out and secs < 15, "unreachable PostgreSQL: a clear error in %.1f s: %s" % (secs, out.strip()[-160:]))
    rc, out, _ = run_refused(["--redis", "http://x", "--database", db])
    check(rc != 0 and "not a Redis URL" in out, "a wrong Redis URL says what is expected")


async def accounts_and_rooms(a, b, s, database):
    ha, hb = a.url("chat", "http"), b.url("chat", "http")
    status, body = http(ha, "POST", "/auth/register", {"email": "Ann@cluster.test", "password": "pw1", "repeat_password": "pw1"})
    check(status == 201, "register on A")
    ann_id = json.loads(body)["id"]
    status, body = http(hb, "POST", "/auth/login", {"email": "ann@CLUSTER.test", "password": "pw1"})
    check(status == 200, "log in on B with an account made on A (email case-insensitive)")
    ann = json.loads(body)["access_token"]
    status, body = http(ha, "POST", "/auth/register", {"email": "bo@cluster.test", "password": "pw2", "repeat_password": "pw2"})
    bo_id = json.loads(body)["id"]
    bo = json.loads(http(ha, "POST", "/auth/login", {"email": "bo@cluster.test", "password": "pw2"})[1])["access_token"]
    status, body = http(hb, "GET", "/me", token=ann)
    check(status == 200 and json.loads(body)["id"] == ann_id, "B knows A's session token")

    # Generic rooms span nodes (Basic auth on each).
    basic = {"Authorization": "Basic " + __import__("base64").b64encode(b"bo@cluster.test:pw2").decode()}
    ra = await websockets.connect(a.url("generic") + "/chat/hall", extra_headers=basic)
    rb = await websockets.connect(b.url("generic") + "/chat/hall", extra_headers=basic)
    await asyncio.sleep(0.2)
    await ra.send("from A")
    check(await asyncio.wait_for(rb.recv(), 5) == "from A", "a generic room relays A → B")
    await rb.send(b"\x00\x01binary from B")
    got = await asyncio.wait_for(ra.recv(), 5)
    check(got == b"\x00\x01binary from B", "... and B → A, frame type kept")
    await ra.close()
    await rb.close()
    return ann, ann_id, bo, bo_id


async def chat(a, b, ann, ann_id, bo, bo_id):
    rc, out, err = a.admin("--redis", redis_url, "--database", database_url, "user", "top-up", "--email", "ann@cluster.test", "--amount", "10")
    check(rc == 0, "switchboardd user top-up against the cluster's database: " + (out + err).strip()[-120:])
    wa = await websockets.connect(a.url("chat") + "/members/chat/?other_member_id=%d" % bo_id)
    await wa.send("Bearer " + ann)
    check(await recv_json(wa) == [], "Ann on A: empty history")
    wb = await websockets.connect(b.url("chat") + "/members/chat/?other_member_id=%d" % ann_id)
    await wb.send("Bearer " + bo)
    check(await recv_json(wb) == [], "Bo on B: empty history")
    await wa.send("hello Bo")
    mine = await recv_json(wa)
    theirs = await recv_json(wb)
    check(mine == theirs and theirs["text"] == "hello Bo", "a message sent on A reaches B, the same JSON")
    # Two more sockets of Ann, one per node, spend her last 5 coins at once: one wins.
    wa2 = await websockets.connect(b.url("chat") + "/members/chat/?other_member_id=%d" % bo_id)
    await wa2.send("Bearer " + ann)
    await recv_json(wa2)
    await asyncio.gather(wa.send("race A"), wa2.send("race B"))
    results = []
    for ws in (wa, wa2):
        for _ in range(3):
            try:
                m = await recv_json(ws, 2)
            except asyncio.TimeoutError:
                break
            results.append(m)
    stored = {m["text"] for m in results if m.get("type") == "text" and m["text"].startswith("race")}
    refused = [m for m in results if m.get("code") == "INSUFFICIENT_BALANCE"]
    check(len(stored) == 1 and len(refused) == 1, "two nodes cannot overspend: one stored, one INSUFFICIENT_BALANCE (%s)" % results)
    status, body = http(b.url("chat", "http"), "GET", "/me", token=ann)
    check(json.loads(body)["balance"] == 0, "balance 0 on B after 2 messages of 5")
    for ws in (wa, wb, wa2):
        await ws.close()
    hist = []
    for n, token, other in ((a, bo, ann_id), (b, bo, ann_id)):
        ws = await websockets.connect(n.url("chat") + "/members/chat/?other_member_id=%d" % other)
        await ws.send("Bearer " + token)
        hist.append(await recv_json(ws))
        await ws.close()
    check(hist[0] == hist[1] and len(hist[0]) == 2, "history is the same from either node")

    # A file sent through A is served by B (its bytes are in PostgreSQL).
    rc, _, _ = a.admin("--redis", redis_url, "--database", database_url, "user", "top-up", "--email", "bo@cluster.test", "--amount", "50")
    ws = await websockets.connect(b.url("chat") + "/members/chat/?other_member_id=%d" % ann_id)
    await ws.send("Bearer " + bo)
    await recv_json(ws)
    content = bytes(range(256)) * 40
    info = json.dumps({"name": "data.bin", "size": len(content), "type": "application/octet-stream", "text": "a file"}, separators=(",", ":"))
    await ws.send(b"!" + info.encode() + b"#" + content)
    msg = await recv_json(ws)
    check(msg.get("type") == "file", "a file message stored through B")
    status, body = http(a.url("chat", "http"), "GET", "/storage?uuid=" + msg["file_uuid"])
    check(status == 200 and body == content, "A serves the exact bytes of a file sent through B")
    await ws.close()


async def pop(a, b, ann, bo):
    pa = await websockets.connect(a.url("pop") + "/")
    pb = await websockets.connect(b.url("pop") + "/")
    for ws, token in ((pa, ann), (pb, bo)):
        await ws.send(json.dumps({"authorization": "Bearer " + token}))
        check(await recv_json(ws) == {"authenticated": True}, "pop authenticates")
        await ws.send(json.dumps({"state": {"active_group_id": "g1", "is_typing": False}}))
        first = await recv_json(ws)
        if ws is pa:
            ann_first = first
    # Bo joined the group after Ann: Ann (on A) gets his state from B.
    joined = await recv_json(pa)
    check(joined["state"]["is_typing"] is False and joined["state"]["active_group_id"] == "g1", "A gets the state of a member on B")
    await pa.send(json.dumps({"state": {"active_group_id": "g1", "is_typing": True}}))
    own = await recv_json(pa)
    other = await recv_json(pb)
    # Ann's first state left A before Bo joined on B but may reach B after: Bo may see it
    # first (in a single process it would have been delivered before his join). Nothing
    # else may come before her typing.
    if other != own and other == ann_first:
        other = await recv_json(pb)
    check(other == own and other["state"]["is_typing"] is True, "a pop group spans nodes: B sees A's typing (%s)" % other)
    content = "F7E71599-70DF-4918-A882-DD3C1D53070E"
    await pa.send(json.dumps({"view_counts": {content: 2}}))
    await pb.send(json.dumps({"view_counts": {content: 3}}))
    check((await recv_json(pa))["view_counts"] is True and (await recv_json(pb))["view_counts"] is True, "view counts on both nodes")
    await asyncio.sleep(0.5)
    for n in (a, b):
        status, body = http(n.url("pop", "http"), "GET", "/view_counts?ids=" + content)
        check(json.loads(body)[content] == {"total": 5, "viewers": 2}, "view count totals from %s: %s" % (n.args[1], body))
    # The per-user cap (100 per content) holds across nodes: Ann reports 10 at a time from
    # both nodes at once, 12 times, and 100 count.
    capped = "2BD768F5-8891-4B90-9E99-311F6F88B111"
    pb2 = await websockets.connect(b.url("pop") + "/")
    await pb2.send(json.dumps({"authorization": "Bearer " + ann}))
    await recv_json(pb2)

    async def report(ws, n):
        for _ in range(n):
            await ws.send(json.dumps({"view_counts": {capped: 10}}))
            reply = await recv_json(ws)
            if reply.get("view_counts") is not True:
                return reply
        return None
    refused = await asyncio.gather(report(pa, 6), report(pb2, 6))
    check(refused == [None, None], "12 reports from two nodes accepted (clamped, not refused): %s" % refused)
    await asyncio.sleep(0.5)
    status, body = http(a.url("pop", "http"), "GET", "/view_counts?ids=" + capped)
    check(json.loads(body)[capped] == {"total": 100, "viewers": 1}, "the per-user cap holds across nodes: %s" % body)
    await pa.close()
    await pb.close()
    await pb2.close()


async def felix(a, b):
    rc, out, _ = a.admin("--redis", redis_url, "--database", database_url, "token", "create", "--name", "bot", "--scope", "private")
    token = out.strip().split("\n")[-1]
    check(rc == 0 and token.startswith("sbp_"), "an API token made with the cluster's database")
    fb = await websockets.connect(b.url("felix") + "/", extra_headers={"Authorization": token})
    await fb.send(json.dumps({"code": 20002, "data": {"users": [], "guilds": ["77"]}}))
    await asyncio.sleep(0.3)
    status, _ = http(a.url("felix", "http"), "PUT", "/guilds/77", {"prefix": "!"}, token=token)
    check(status in (200, 201), "PUT a guild document on A")
    got = None
    for _ in range(5):
        m = await recv_json(fb)
        if m.get("code") == 10002:
            got = m
            break
    check(got is not None and got["data"]["guildData"]["prefix"] == "!", "10002 reaches the subscriber on B")
    status, body = http(b.url("felix", "http"), "GET", "/guilds/77", token=token)
    check(status == 200 and json.loads(body).get("prefix") == "!", "B reads the document stored through A")
    # 10001 lists the shards (workers) of every node, numbered across the cluster.
    await fb.send(json.dumps({"code": 20001}))
    ack = None
    for _ in range(5):
        m = await recv_json(fb)
        if m.get("code") == 10001:
            ack = m["data"]
            break
    shards = ack["shards"] if ack else []
    check({s.get("node") for s in shards} == {"a", "b"} and [s["id"] for s in shards] == list(range(len(shards)))
          and any(s["node"] == "b" and s["connections"] >= 1 for s in shards),
          "10001 on B lists the shards of A and B, B's with this connection (%s)" % shards)
    await fb.close()
    await felix_order(a, b, token)


async def access(a, b, ann):
    ws = await websockets.connect(b.url("pop") + "/")
    await ws.send(json.dumps({"authorization": "Bearer " + ann}))
    await recv_json(ws)
    status, body = http(a.url("chat", "http"), "POST", "/auth/logout", token=ann)
    check(status in (200, 204), "log out on A (%d %s)" % (status, body))
    code = await closed_with(ws, 6)
    check(code == 1008, "logout on A closes the session's socket on B (1008, got %s)" % code)
    status, _ = http(b.url("chat", "http"), "GET", "/me", token=ann)
    check(status == 401, "... and B refuses the token")


class Listener:
    """A channels member (seed 004) that records every event it gets."""

    def __init__(self, ws):
        self.ws = ws
        self.events = []
        self.task = asyncio.ensure_future(self._read())

    @classmethod
    async def join(cls, n, channel, presence=None, since=None):
        q = []
        if presence is not None:
            q.append("presence=" + urllib.parse.quote(json.dumps(presence)))
        if since:
            q.append("since=" + since)
        ws = await websockets.connect(n.url("channels") + "/%s/listen%s" % (channel, "?" + "&".join(q) if q else ""))
        self = cls(ws)
        await self.wait(lambda: self.of("CONNECTED"))
        self.id = self.of("CONNECTED")[0]["clientID"]
        return self

    async def _read(self):
        try:
            async for raw in self.ws:
                e = json.loads(raw)
                self.events.append(e)
                if e["type"] == "PING":
                    await self.ws.send(json.dumps({"type": "PONG"}))
        except websockets.ConnectionClosed:
            pass

    def of(self, kind):
        return [e for e in self.events if e["type"] == kind]

    def presence_events(self):
        return [(e["type"], e["payload"].get("clientID")) for e in self.events if e["type"].startswith("PRESENCE:")]

    async def wait(self, cond, timeout=8.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if cond():
                return True
            await asyncio.sleep(0.02)
        return False

    async def close(self):
        await self.ws.close()
        self.task.cancel()


def emit(n, channel, query="", body=None):
    base = n.url("channels", "http")
    if body is None:
        status, raw = http(base, "GET", "/%s/emit%s" % (channel, query))
    else:
        status, raw = http(base, "POST", "/%s/emit%s" % (channel, query), body)
    return status, json.loads(raw)


async def channels(a, b):
    l1 = await Listener.join(a, "room", {"username": "one"})
    l2 = await Listener.join(b, "room", {"username": "two"})
    members = [m["clientID"] for m in l2.of("CONNECTED")[0]["payload"]["members"]]
    check(members == [l1.id, l2.id], "CONNECTED on B lists the member on A too")
    check(await l1.wait(lambda: l1.presence_events() == [("PRESENCE:JOINED", l2.id)]), "A's member sees B's join")

    status, r = emit(b, "room", "?text=hi")
    check(status == 200 and r["delivered"] == 2 and sorted(r["clients"]) == sorted([l1.id, l2.id]), "emit on B: delivered to both nodes' members")
    check(await l1.wait(lambda: len(l1.of("DATA")) == 1) and await l2.wait(lambda: len(l2.of("DATA")) == 1),
          "... and both get the DATA event")
    check(l1.of("DATA")[0]["eventID"] == l2.of("DATA")[0]["eventID"] == r["eventID"], "one event id on every node")
    status, r = emit(a, "room", "?clients=2&x=1")
    check(status == 200 and sorted(r["clients"]) == sorted([l1.id, l2.id]), "clients=2 on A picks among both nodes")

    # require-ack: ACKs from both nodes complete it; a silent member on B makes it 408.
    async def ack_all(*ls):
        for l in ls:
            await l.wait(lambda: any(e.get("requires_ack") for e in l.of("DATA")))
            for e in l.of("DATA"):
                if e.get("requires_ack"):
                    await l.ws.send(json.dumps({"type": "ACK", "payload": {"eventID": e["eventID"]}}))

    loop = asyncio.get_running_loop()
    waiting = loop.run_in_executor(None, lambda: emit(a, "room", "?require-ack=true&k=v"))
    await ack_all(l1, l2)
    status, r = await waiting
    check(status == 200 and sorted(r["acked"]) == sorted([l1.id, l2.id]), "require-ack on A counts the ACK from B: %s" % r)
    for l in (l1, l2):
        l.events = [e for e in l.events if not e.get("requires_ack")]
    t0 = time.time()
    waiting = loop.run_in_executor(None, lambda: emit(a, "room", "?require-ack=true&k=w"))
    await ack_all(l1)
    status, r = await waiting
    check(status == 408 and r["pending"] == [l2.id] and 4.5 < time.time() - t0 < 8, "a silent member on B: 408 after 5 s with it pending")

    # One order of presence events on every node, with joins and updates on both at once.
    l3 = await Listener.join(b, "room")
    await l1.wait(lambda: ("PRESENCE:JOINED", l3.id) in l1.presence_events())
    l1.events.clear()
    l3.events.clear()
    joiners = await asyncio.gather(*[Listener.join(n, "room") for n in (a, b, a, b)])
    await asyncio.gather(l1.ws.send(json.dumps({"type": "PRESENCE:UPDATE", "payload": {"n": 1}})),
                         l3.ws.send(json.dumps({"type": "PRESENCE:UPDATE", "payload": {"n": 3}})))
    await asyncio.gather(*[j.close() for j in joiners[:2]])
    want = 4 + 2 + 2
    await l1.wait(lambda: len(l1.presence_events()) >= want)
    await l3.wait(lambda: len(l3.presence_events()) >= want)
    check(len(l1.presence_events()) == want and l1.presence_events() == l3.presence_events(),
          "JOINED/UPDATED/LEFT in one order on both nodes (%d events)" % len(l1.presence_events()))
    for j in joiners[2:]:
        await j.close()

    # since= recovery after reconnecting to the other node.
    last = l2.of("DATA")[-1]["eventID"]
    await l2.close()
    emit(a, "room", "?missed=1")
    emit(a, "room", "?missed=2")
    back = await Listener.join(a, "room", since=last)
    connected = back.of("CONNECTED")[0]["payload"]
    await back.wait(lambda: len(back.of("DATA")) >= 2)
    check(connected.get("recovered") is True and [e["payload"]["missed"] for e in back.of("DATA")] == ["1", "2"],
          "since= on A recovers what the member of B missed")
    return l1, l3, back


async def node_dies(a, b, l1, l3, back):
    l1.events.clear()
    b.proc.kill()  # kill -9: no goodbye
    b.proc.wait()
    t0 = time.time()
    ok = await l1.wait(lambda: ("PRESENCE:LEFT", l3.id) in l1.presence_events(), timeout=10)
    check(ok and time.time() - t0 < 6, "kill -9 of B: its member appears LEFT on A in %.1f s" % (time.time() - t0))
    status, r = emit(a, "room", "?after=death")
    check(status == 200 and sorted(r["clients"]) == sorted([l1.id, back.id]), "emits on A go to the living only")


async def redis_restarts(s, a, b, l1):
    status, body = http(a.url("chat", "http"), "GET", "/healthz")
    check(json.loads(body)["status"] == "ok", "/healthz ok before")
    s.stop_redis()
    await asyncio.sleep(1.0)
    status, body = http(a.url("chat", "http"), "GET", "/healthz")
    health = json.loads(body)
    check(status == 200 and health["status"] == "degraded" and "Redis" in health.get("problem", ""),
          "/healthz says degraded while Redis is away: %s" % health.get("problem"))
    s.start_redis()
    deadline = time.time() + 10
    while time.time() < deadline:
        if all(json.loads(http(n.url("chat", "http"), "GET", "/healthz")[1])["status"] == "ok" for n in (a, b)):
            break
        await asyncio.sleep(0.1)
    check(time.time() < deadline, "both nodes reconnect and resubscribe by themselves")
    # Presence rebuilt: Redis lost nothing we keep there for good, but the nodes' copies
    # are checked against each other; a new member on B sees A's.
    lb = await Listener.join(b, "room")
    members = [m["clientID"] for m in lb.of("CONNECTED")[0]["payload"]["members"]]
    check(l1.id in members, "after the restart, CONNECTED on B lists A's member")
    status, r = emit(a, "room", "?after=redis")
    check(await lb.wait(lambda: len(lb.of("DATA")) == 1), "an emit on A reaches B again")
    await lb.close()


async def postgres_restarts(s, a, b, ann_id, bo, bo_id):
    ws = await websockets.connect(a.url("chat") + "/members/chat/?other_member_id=%d" % ann_id)
    await ws.send("Bearer " + bo)
    await recv_json(ws)
    rc, out, err = a.admin("--redis", redis_url, "--database", database_url, "user", "top-up", "--email", "bo@cluster.test", "--amount", "100")
    s.stop_postgres()
    await ws.send("while PostgreSQL is down")
    reply = await recv_json(ws, 15)
    check(reply.get("type") == "error" and reply.get("code") == "STORAGE_ERROR", "PostgreSQL down: a clear error, no message: %s" % reply)
    status, body = http(b.url("chat", "http"), "POST", "/auth/login", {"email": "bo@cluster.test", "password": "pw2"})
    check(status == 503 and json.loads(body)["code"] == "STORAGE_ERROR", "login while PostgreSQL is down: 503, not 'wrong password' (%d %s)" % (status, body))
    s.start_postgres()
    await asyncio.sleep(0.5)
    stored = None
    for _ in range(20):
        await ws.send("PostgreSQL is back")
        reply = await recv_json(ws, 15)
        if reply.get("type") == "text":
            stored = reply
            break
        await asyncio.sleep(0.25)
    check(stored is not None, "writes resume when PostgreSQL is back")
    status, _ = http(b.url("chat", "http"), "POST", "/auth/login", {"email": "bo@cluster.test", "password": "pw2"})
    check(status == 200, "logins too")
    await ws.close()


async def main():
    global redis_url, database_url
    with tempfile.TemporaryDirectory(prefix="sb-cluster-") as scratch:
        os.chmod(scratch, 0o755)  # PostgreSQL runs as its own user and must reach its directory
        with Services(os.path.join(scratch, "services")) as s:
            configuration(s)
            redis_url, database_url = s.redis_url, s.new_database()
            with node("a", redis_url, database_url) as a, node("b", redis_url, database_url) as b:
                a.start()
                b.start()
                rc, out, _ = run_refused(["--node", "a", "--redis", redis_url, "--database", database_url], timeout=30)
                check(rc != 0 and "already running" in out, "a second node named 'a' is refused")
                ann, ann_id, bo, bo_id = await accounts_and_rooms(a, b, s, database_url)
                await chat(a, b, ann, ann_id, bo, bo_id)
                await pop(a, b, ann, bo)
                await pop_locks(a, b)
                await shared_limits(a, b)
                await felix(a, b)
                await postgres_restarts(s, a, b, ann_id, bo, bo_id)
                await access(a, b, ann)
                l1, l3, back = await channels(a, b)
                await node_dies(a, b, l1, l3, back)
                b.proc = None
                b.urls = {}
                b.start()  # the same name again, once its key expired
                await redis_restarts(s, a, b, l1)
    print("%d checks passed, %d failed" % (len(passes), len(failures)))
    return 1 if failures else 0


sys.exit(asyncio.run(main()))

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
import urllib.request

import websockets

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from sbd import Daemon  # noqa: E402
from services import Services, free_port  # noqa: E402

failures = []
passes = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    (passes if cond else failures).append(what)


def http(base, method, path, body=None, token=None, raw=None, headers=None):
    h = {"Content-Type": "application/json"}
    if token:
        h["Authorization"] = "Bearer " + token
    h.update(headers or {})
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, method=method, headers=h, data=data)
    try:
        with urllib.request.urlopen(req, timeout=15) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


async def recv_json(ws, timeout=5):
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def closed_with(ws, timeout=5):
    try:
        while True:
            await asyncio.wait_for(ws.recv(), timeout)
    except websockets.ConnectionClosed:
        return ws.close_code
    except asyncio.TimeoutError:
        return None


def node(name, redis, database, data_dir=None):
    return Daemon("--node", name, "--redis", redis, "--database", database, "--no-announce", data_dir=data_dir)


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


async def pop(a, b, ann, bo):
    pa = await websockets.connect(a.url("pop") + "/")
    pb = await websockets.connect(b.url("pop") + "/")
    for ws, token in ((pa, ann), (pb, bo)):
        await ws.send(json.dumps({"authorization": "Bearer " + token}))
        check(await recv_json(ws) == {"authenticated": True}, "pop authenticates")
        await ws.send(json.dumps({"state": {"active_group_id": "g1", "is_typing": False}}))
        await recv_json(ws)
    # Bo joined the group after Ann: Ann (on A) gets his state from B.
    joined = await recv_json(pa)
    check(joined["state"]["is_typing"] is False and joined["state"]["active_group_id"] == "g1", "A gets the state of a member on B")
    await pa.send(json.dumps({"state": {"active_group_id": "g1", "is_typing": True}}))
    own = await recv_json(pa)
    other = await recv_json(pb)
    check(other == own and other["state"]["is_typing"] is True, "a pop group spans nodes: B sees A's typing")
    content = "F7E71599-70DF-4918-A882-DD3C1D53070E"
    await pa.send(json.dumps({"view_counts": {content: 2}}))
    await pb.send(json.dumps({"view_counts": {content: 3}}))
    check((await recv_json(pa))["view_counts"] is True and (await recv_json(pb))["view_counts"] is True, "view counts on both nodes")
    await asyncio.sleep(0.5)
    for n in (a, b):
        status, body = http(n.url("pop", "http"), "GET", "/view_counts?ids=" + content)
        check(json.loads(body)[content] == {"total": 5, "viewers": 2}, "view count totals from %s: %s" % (n.args[1], body))
    await pa.close()
    await pb.close()


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
    await fb.close()


async def access(a, b, ann):
    ws = await websockets.connect(b.url("pop") + "/")
    await ws.send(json.dumps({"authorization": "Bearer " + ann}))
    await recv_json(ws)
    status, _ = http(a.url("chat", "http"), "POST", "/auth/logout", token=ann)
    check(status in (200, 204), "log out on A")
    code = await closed_with(ws, 6)
    check(code == 1008, "logout on A closes the session's socket on B (1008, got %s)" % code)
    status, _ = http(b.url("chat", "http"), "GET", "/me", token=ann)
    check(status == 401, "... and B refuses the token")


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
                await felix(a, b)
                await access(a, b, ann)
    print("%d checks passed, %d failed" % (len(passes), len(failures)))
    return 1 if failures else 0


sys.exit(asyncio.run(main()))

"""Three cluster nodes behind HAProxy, configured by docs/examples/haproxy.cfg itself (only
the addresses and ports changed to this machine's), driven through the load balancer by
curl, Node `ws` (tests/e2e/node/ws_lines.mjs) and Python `websockets` clients: requests
spread over the nodes, accounts, chat and channels work whichever node a client lands on,
and when a node is killed the balancer takes it out and reconnecting clients carry on. The
example's `send-proxy-v2` tells the nodes (`proxy_protocol_from`) each client's own address:
curl binds 127.0.0.5 and 127.0.0.6, and the failed-login limit per address tells them apart.
Run by ctest (label `cluster`) with SWITCHBOARDD set; needs haproxy, node and curl."""
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import websockets

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
from clusterlib import Daemon, check, failures, recv_json  # noqa: E402
from services import Services, free_port, wait_port  # noqa: E402

EXAMPLE = os.path.join(ROOT, "docs", "examples", "haproxy.cfg")
WS_LINES = os.path.join(ROOT, "tests", "e2e", "node", "ws_lines.mjs")
# The example's frontends by port, and the node each `server floor-N` line names.
SERVICES = {"8000": "chat", "8080": "channels", "8090": "felix", "8081": "pop"}

def haproxy_config(nodes):
    """The example, its frontends on free loopback ports and its servers on `nodes`' ports."""
    text = open(EXAMPLE).read()
    fronts = {}

    def bind(m):
        fronts[SERVICES[m.group(1)]] = free_port()
        return "bind 127.0.0.1:%d" % fronts[SERVICES[m.group(1)]]

    def server(m):
        n = nodes[int(m.group(1)) - 1]
        port = re.search(r":(\d+)$", n.urls[SERVICES[m.group(2)]]).group(1)
        return "server floor-%s 127.0.0.1:%s" % (m.group(1), port)

    text = re.sub(r"bind :(\d+)", bind, text)
    text = re.sub(r"server floor-(\d) 10\.0\.0\.1\d:(\d+)", server, text)
    check(len(fronts) == 4 and text.count("127.0.0.1:") == 16, "the example config names 4 frontends of 3 nodes")
    return text, fronts


def curl(*args):
    """curl's body and status (-w), one new connection per call."""
    p = subprocess.run(["curl", "-s", "-m", "10", "-w", "\n%{http_code}", *args], capture_output=True, text=True)
    body, _, status = p.stdout.rpartition("\n")
    return int(status or 0), body


class NodeWs:
    """A Node `ws` client (ws_lines.mjs), one JSON line per event."""

    @classmethod
    async def connect(cls, url):
        self = cls()
        self.proc = await asyncio.create_subprocess_exec("node", WS_LINES, url, stdin=asyncio.subprocess.PIPE,
                                                         stdout=asyncio.subprocess.PIPE)
        first = await self.event()
        if not first.get("open"):
            raise RuntimeError("Node ws could not connect to %s: %s" % (url, first))
        return self

    async def event(self, timeout=8):
        line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        return json.loads(line) if line else {"closed": None}

    async def message(self, timeout=8):
        e = await self.event(timeout)
        if "message" not in e:
            raise RuntimeError("expected a message, got %s" % e)
        return json.loads(e["message"])

    async def send(self, text):
        self.proc.stdin.write((json.dumps({"send": text}) + "\n").encode())
        await self.proc.stdin.drain()

    async def close(self):
        if self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()


def nodes_answering(front, count):
    """The node names /healthz names through the balancer, `count` requests."""
    names = []
    for _ in range(count):
        status, body = curl(front + "/healthz")
        names.append(json.loads(body).get("node") if status == 200 else "HTTP %d" % status)
    return names


async def main():
    for tool in ("haproxy", "node", "curl"):
        if not shutil.which(tool):
            print("FAIL %s is not installed (scripts/setup.sh installs it)" % tool)
            return 1
    with tempfile.TemporaryDirectory(prefix="sb-cluster-lb-") as scratch:
        os.chmod(scratch, 0o755)  # PostgreSQL runs as its own user and must reach its directory
        with Services(os.path.join(scratch, "services")) as s:
            database = s.new_database()
            join = ("--redis", s.redis_url, "--database", database, "--no-announce")
            dirs = []
            for name in "abc":  # the balancer is 127.0.0.1; 3 failed logins per address a minute
                dirs.append(os.path.join(scratch, "node-" + name))
                os.mkdir(dirs[-1])
                with open(os.path.join(dirs[-1], "config.json"), "w") as f:
                    json.dump({"proxy_protocol_from": ["127.0.0.1"], "login_failures_per_address": 3}, f)
            with Daemon("--node", "a", *join, data_dir=dirs[0]) as a, Daemon("--node", "b", *join, data_dir=dirs[1]) as b, \
                    Daemon("--node", "c", *join, data_dir=dirs[2]) as c:
                for n in (a, b, c):
                    n.start()
                config, fronts = haproxy_config([a, b, c])
                path = os.path.join(scratch, "haproxy.cfg")
                with open(path, "w") as f:
                    f.write(config)
                lb = subprocess.Popen(["haproxy", "-db", "-f", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                try:
                    up = all(wait_port(p) for p in fronts.values())
                    check(up, "HAProxy listens on the example's frontends")
                    if not up:
                        lb.kill()
                        print(lb.communicate()[1].decode())
                        return 1
                    await through(a, fronts, s, database)
                finally:
                    lb.kill()
                    lb.wait()
    print("%d checks failed" % len(failures))
    return 1 if failures else 0


async def through(a, fronts, s, database):
    chat = "http://127.0.0.1:%d" % fronts["chat"]
    channels = "http://127.0.0.1:%d" % fronts["channels"]
    ws_chat, ws_channels = chat.replace("http", "ws"), channels.replace("http", "ws")

    names = nodes_answering(chat, 9)
    check(set(names) == {"a", "b", "c"}, "curl: requests through the balancer reach all three nodes (%s)" % names)

    # Accounts through the balancer (curl): each request may land on another node.
    ids, tokens = {}, {}
    for who in ("ann", "bo"):
        body = json.dumps({"email": who + "@lb.test", "password": "pw-" + who, "repeat_password": "pw-" + who})
        status, out = curl("-X", "POST", "-H", "Content-Type: application/json", "-d", body, chat + "/auth/register")
        check(status == 201, "curl: register %s through the balancer" % who)
        ids[who] = json.loads(out)["id"]
        status, out = curl("-X", "POST", "-H", "Content-Type: application/json",
                           "-d", json.dumps({"email": who + "@lb.test", "password": "pw-" + who}), chat + "/auth/login")
        tokens[who] = json.loads(out).get("access_token")
    check(all(tokens.values()), "curl: log in through the balancer")

    # Each client's own address reaches the nodes (PROXY protocol), and failed logins count
    # on every node: 3 wrong passwords from 127.0.0.5, wherever they land, lock that address
    # out; 127.0.0.6, through the same balancer, is not.
    def login_from(address, password):
        body = json.dumps({"email": "ann@lb.test", "password": password})
        return curl("--interface", address, "-X", "POST", "-H", "Content-Type: application/json", "-d", body,
                    chat + "/auth/login")[0]
    tries = [login_from("127.0.0.5", "wrong") for _ in range(3)]
    check(tries == [401] * 3, "3 wrong passwords from 127.0.0.5 through the balancer (%s)" % tries)
    time.sleep(0.3)
    locked = [login_from("127.0.0.5", "pw-ann") for _ in range(3)]
    check(locked == [429] * 3, "... then that address is refused on every node (%s)" % locked)
    check(login_from("127.0.0.6", "pw-ann") == 200, "another client's address through the same balancer is not")
    rc, _, _ = a.admin("--redis", s.redis_url, "--database", database, "user", "top-up", "--email", "ann@lb.test",
                       "--amount", "100")

    # Chat: Ann with Node ws, Bo with Python websockets, both through the balancer.
    ann = await NodeWs.connect(ws_chat + "/members/chat/?other_member_id=%d" % ids["bo"])
    await ann.send("Bearer " + tokens["ann"])
    check(await ann.message() == [], "Node ws: Ann's chat through the balancer (empty history)")
    bo = await websockets.connect(ws_chat + "/members/chat/?other_member_id=%d" % ids["ann"])
    await bo.send("Bearer " + tokens["bo"])
    await recv_json(bo, 8)
    await ann.send("hello through haproxy")
    mine = await ann.message()
    check(mine.get("text") == "hello through haproxy" and await recv_json(bo, 8) == mine,
          "a chat message from Node ws reaches Python websockets, whichever nodes they are on")

    # Channels: a Node ws listener and a Python one; curl emits.
    node_listener = await NodeWs.connect(ws_channels + "/hall/listen")
    connected = await node_listener.message()
    py_listener = await websockets.connect(ws_channels + "/hall/listen")
    members = [m["clientID"] for m in (await recv_json(py_listener, 8))["payload"]["members"]]
    check(connected["clientID"] in members, "CONNECTED through the balancer lists the other listener")
    status, _ = curl("-X", "POST", "-H", "Content-Type: application/json", "-d", '{"n":1}', channels + "/hall/emit")
    check(status == 200, "curl: emit through the balancer")

    async def data_of(get):
        for _ in range(5):
            e = await get()
            if e.get("type") == "DATA":
                return e
        return {}

    got = (await data_of(node_listener.message), await data_of(lambda: recv_json(py_listener, 8)))
    check(all(e.get("payload") == {"n": 1} for e in got), "both listeners get the emit (%s)" % (got,))
    for ws in (bo, py_listener):
        await ws.close()
    for ws in (ann, node_listener):
        await ws.close()

    # Node a killed: the balancer takes it out (inter 1s, fall 2) and clients carry on.
    a.proc.kill()
    a.proc.wait()
    deadline = time.time() + 8
    while time.time() < deadline:
        names = nodes_answering(chat, 6)
        if all(n in ("b", "c") for n in names):
            break
        await asyncio.sleep(0.2)
    check(all(n in ("b", "c") for n in names), "a killed node is taken out within seconds (%s)" % names)
    ann = await NodeWs.connect(ws_chat + "/members/chat/?other_member_id=%d" % ids["bo"])
    await ann.send("Bearer " + tokens["ann"])
    history = await ann.message()
    check([m.get("text") for m in history] == ["hello through haproxy"], "Ann reconnects: her history is all there")
    bo = await websockets.connect(ws_chat + "/members/chat/?other_member_id=%d" % ids["ann"])
    await bo.send("Bearer " + tokens["bo"])
    await recv_json(bo, 8)
    await ann.send("still here")
    mine = await ann.message()
    check(mine.get("text") == "still here" and await recv_json(bo, 8) == mine, "... and chats on")
    await bo.close()
    await ann.close()


sys.exit(asyncio.run(main()))

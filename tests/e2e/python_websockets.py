"""e2e: the generic service driven by Python `websockets` (Debian python3-websockets),
a client nobody here wrote. Run by ctest with SWITCHBOARDD set."""
import asyncio
import base64
import json
import socket
import sys
import urllib.request

import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatusCode

from sbd import Daemon

failures = []
passes = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    (passes if cond else failures).append(what)


async def echo(url):
    async with websockets.connect(url + "/echo", max_size=None) as ws:
        await ws.send("hello ✓")
        check(await ws.recv() == "hello ✓", "echo text")
        await ws.send(b"\x00\x01\xff")
        check(await ws.recv() == b"\x00\x01\xff", "echo binary")
        # A fragmented message: websockets sends an iterable as fragments.
        await ws.send(["frag", "mented ", "message"])
        check(await ws.recv() == "fragmented message", "fragmented text reassembled")
        await ws.send([b"ab", b"cd"])
        check(await ws.recv() == b"abcd", "fragmented binary reassembled")
        pong = await ws.ping(b"are you there")
        latency = await asyncio.wait_for(pong, 5)
        check(latency is None or latency >= 0, "ping answered by pong")
        big = "x" * (2 * 1024 * 1024)
        await ws.send(big)
        check(await ws.recv() == big, "2 MiB message echoed")
        await ws.close(code=4000, reason="done here")
        check(ws.close_code == 4000, "close code 4000 echoed by server (got %s)" % ws.close_code)


def raw_invalid_utf8(host, port):
    """websockets refuses to send invalid UTF-8, so this one is by hand."""
    s = socket.create_connection((host, port), timeout=5)
    s.sendall(b"GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    buf = b""
    while b"\r\n\r\n" not in buf:
        buf += s.recv(4096)
    payload = b"\xce\xba\xff\xfe"
    mask = b"\x01\x02\x03\x04"
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    s.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + masked)
    data = buf.split(b"\r\n\r\n", 1)[1]
    while len(data) < 4:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    s.close()
    code = int.from_bytes(data[2:4], "big") if len(data) >= 4 and data[0] & 0x0F == 8 else None
    check(code == 1007, "invalid UTF-8 closes with 1007 (got %s)" % code)


async def rooms(url, http):
    # Register and log in over HTTP, then use all three authentication methods.
    def post(path, body, headers=None):
        req = urllib.request.Request(http + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", **(headers or {})})
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read()), r.headers
    status, _, _ = post("/auth/register", {"email": "py@mail.com", "password": "123", "repeat_password": "123"})
    check(status == 201, "register 201")
    status, body, headers = post("/auth/login", {"email": "py@mail.com", "password": "123"})
    token = body["access_token"]
    check(status == 200 and headers.get("Set-Cookie", "").startswith("sb_session="), "login token and cookie")
    _, ticket, _ = post("/auth/ticket", {}, {"Authorization": "Bearer " + token})

    basic = "Basic " + base64.b64encode(b"py@mail.com:123").decode()
    a = await websockets.connect(url + "/chat/py", extra_headers={"Authorization": basic})
    b = await websockets.connect(url + "/chat/py", extra_headers={"Cookie": "sb_session=" + token})
    c = await websockets.connect(url + "/chat/py?ticket=" + ticket["ticket"])
    await a.send("to the room")
    check(await asyncio.wait_for(b.recv(), 5) == "to the room", "room relay (cookie member)")
    check(await asyncio.wait_for(c.recv(), 5) == "to the room", "room relay (ticket member)")
    await c.send(b"\x01\x02")
    check(await asyncio.wait_for(a.recv(), 5) == b"\x01\x02", "binary relay keeps frame type")
    try:
        await asyncio.wait_for(c.recv(), 0.3)
        check(False, "sender does not get its own message")
    except asyncio.TimeoutError:
        check(True, "sender does not get its own message")
    for ws in (a, b, c):
        await ws.close()

    try:
        await websockets.connect(url + "/chat/py")
        check(False, "no credentials refused")
    except InvalidStatusCode as e:
        check(e.status_code == 401, "no credentials: 401 (got %s)" % e.status_code)
    try:
        await websockets.connect(url + "/chat/py?ticket=" + ticket["ticket"])
        check(False, "reused ticket refused")
    except InvalidStatusCode as e:
        check(e.status_code == 403, "reused ticket: 403 (got %s)" % e.status_code)


async def shutdown_close_code(daemon, url):
    ws = await websockets.connect(url + "/echo")
    code, out = daemon.stop()
    try:
        await asyncio.wait_for(ws.recv(), 5)
    except ConnectionClosed:
        pass
    check(ws.close_code == 1001, "SIGTERM closes clients with 1001 (got %s)" % ws.close_code)
    check(code == 0 and "stopped" in out, "daemon exits 0 after SIGTERM")


async def main():
    with Daemon() as d:
        d.start()
        url = d.url("generic")
        http = d.url("generic", "http")
        host, port = url.split("//")[1].split(":")
        await echo(url)
        raw_invalid_utf8(host, int(port))
        await rooms(url, http)
        await shutdown_close_code(d, url)
    print("%d checks passed, %d failed" % (len(passes), len(failures)))
    return 1 if failures else 0


sys.exit(asyncio.run(main()))

"""e2e: the chat service (seed 001) driven by Python `websockets` sending exactly the frames
the seed's example page sends: the Bearer first message, plain text from the textarea, and
the '!' + JSON.stringify(info) + '#' + bytes file frame. Run by ctest with SWITCHBOARDD set."""
import asyncio
import json
import sys
import urllib.request

import websockets

from sbd import Daemon

failures = []
passes = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    (passes if cond else failures).append(what)


def http(base, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(base + path, method=method, headers=headers,
                                 data=json.dumps(body).encode() if body is not None else None)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def js_stringify(obj):
    """JSON.stringify's output: no spaces."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


async def main():
    with Daemon() as d:
        d.start()
        base = d.url("chat", "http")
        ws_base = d.url("chat", "ws")
        ids, tokens = {}, {}
        for who in ("mail@mail.com", "friend@mail.com"):
            # The seed's register and login bodies, verbatim.
            status, body, _ = http(base, "POST", "/auth/register", {"email": who, "password": "123", "repeat_password": "123"})
            check(status == 201, "register %s" % who)
            ids[who] = json.loads(body)["id"]
            status, body, _ = http(base, "POST", "/auth/login", {"email": who, "password": "123"})
            tokens[who] = json.loads(body)["access_token"]
        # New members have no coins: an operator tops one up from the command line.
        rc, out, err = d.admin("user", "top-up", "--email", "mail@mail.com", "--amount", "100")
        check(rc == 0 and "100" in out, "switchboardd user top-up while the server runs")

        me, friend = "mail@mail.com", "friend@mail.com"
        a = await websockets.connect(f"{ws_base}/members/chat/?other_member_id={ids[friend]}")
        await a.send("Bearer " + tokens[me])  # sendFirstMessage(): the input's value as is
        history = json.loads(await asyncio.wait_for(a.recv(), 5))
        check(history == [], "history is an empty list for a new chat")

        await a.send("Hello, world!")  # sendMessage(): the textarea's value as is
        msg = json.loads(await asyncio.wait_for(a.recv(), 5))
        check(msg["type"] == "text" and msg["text"] == "Hello, world!" and msg["member_id"] == ids[me],
              "plain text frame stored and echoed as a text message")
        check(list(msg.keys()) == ["id", "member_id", "chat_id", "date", "type", "text"], "seed key order: %s" % list(msg.keys()))

        # sendFile(): '!' + JSON.stringify({name, size, type, text}) + '#' + raw bytes.
        content = "Grüße #1\n".encode() + bytes(range(256))
        info = js_stringify({"name": "grüße #1.bin", "size": len(content), "type": "application/octet-stream", "text": "Here's the file!"})
        await a.send("!".encode() + info.encode() + "#".encode() + content)
        fmsg = json.loads(await asyncio.wait_for(a.recv(), 5))
        check(fmsg["type"] == "file" and fmsg["text"] == "Here's the file!", "file frame stored as a file message")
        status, body, headers = http(base, "GET", "/storage?uuid=" + fmsg["file_uuid"])
        check(status == 200 and body == content, "GET /storage returns the exact bytes")
        check("filename*=UTF-8''gr%C3%BC%C3%9Fe%20%231.bin" in headers.get("Content-Disposition", ""),
              "Content-Disposition carries the original name: %s" % headers.get("Content-Disposition"))

        # The friend was offline: everything is in the history, oldest first.
        b = await websockets.connect(f"{ws_base}/members/chat/?other_member_id={ids[me]}")
        await b.send("Bearer " + tokens[friend])
        hist = json.loads(await asyncio.wait_for(b.recv(), 5))
        check([m["type"] for m in hist] == ["text", "file"], "offline member gets the history oldest first")

        # Live: both sockets get the new message.
        await a.send(json.dumps({"type": "text", "text": "live"}))
        got_a = json.loads(await asyncio.wait_for(a.recv(), 5))
        got_b = json.loads(await asyncio.wait_for(b.recv(), 5))
        check(got_a == got_b and got_b["text"] == "live", "live delivery to both members")

        # The friend has no coins: an error message, the socket stays open.
        await b.send("can I?")
        err = json.loads(await asyncio.wait_for(b.recv(), 5))
        check(err["type"] == "error" and err["code"] == "INSUFFICIENT_BALANCE", "insufficient balance is an error message")
        await b.send("{not json")
        err = json.loads(await asyncio.wait_for(b.recv(), 5))
        check(err["code"] == "INVALID_JSON" and b.open, "bad JSON is an error message; socket stays open")

        status, body, _ = http(base, "GET", "/me", token=tokens[me])
        check(status == 200 and json.loads(body)["balance"] == 100 - 3 * 5, "three messages cost 15 coins")

        # A wrong token closes with 1008.
        c = await websockets.connect(f"{ws_base}/members/chat/?other_member_id={ids[me]}")
        await c.send("Bearer 00000000-0000-4000-8000-000000000000")
        try:
            await asyncio.wait_for(c.recv(), 5)
        except websockets.ConnectionClosed:
            pass
        check(c.close_code == 1008, "invalid token closes with 1008 (got %s)" % c.close_code)
        for ws in (a, b):
            await ws.close()

        # Nothing is lost across a restart.
        d.stop()
        d.urls = {}
        d.start()
        ws_base = d.url("chat", "ws")
        b = await websockets.connect(f"{ws_base}/members/chat/?other_member_id={ids[me]}")
        await b.send("Bearer " + tokens[friend])
        hist = json.loads(await asyncio.wait_for(b.recv(), 5))
        check([m.get("text") for m in hist] == ["Hello, world!", "Here's the file!", "live"], "history survives a restart")
        await b.close()

    print("%d checks passed, %d failed" % (len(passes), len(failures)))
    return 1 if failures else 0


sys.exit(asyncio.run(main()))

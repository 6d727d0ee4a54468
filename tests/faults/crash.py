"""Fault test (SPEC §3, §8, issue 21): the process ends badly, nothing acknowledged is lost.

- `kill -9` under chat load, three rounds: several members send texts as fast as they are
  acknowledged (a message is acknowledged when the server delivers it back to its sender,
  which it does only after the commit); after each kill the daemon restarts on the same data
  directory and every acknowledged message is in the history, exactly once.
- SIGTERM with a socket open on every service: each gets close 1001, the daemon exits 0."""
import asyncio
import json
import signal
import urllib.request

from faultcheck import check, finish

import websockets

from sbd import Daemon  # noqa: E402




def http(base, path, body=None, token=None):
    headers = {"Authorization": "Bearer " + token} if token else {}
    req = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None, headers=headers)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def login(d, email):
    return http(d.url("chat", "http"), "/auth/login", {"email": email, "password": "pw"})["access_token"]


async def sender(url, token, other, prefix, acked, stop):
    """Sends texts one after another, each once the previous one came back stored."""
    try:
        async with websockets.connect(url + "/members/chat/?other_member_id=%d" % other, max_size=None) as ws:
            await ws.send("Bearer " + token)
            await ws.recv()  # history
            n = 0
            while not stop.is_set():
                text = "%s %d" % (prefix, n)
                await ws.send(text)
                while True:
                    m = json.loads(await ws.recv())
                    if isinstance(m, dict) and m.get("text") == text:
                        acked.append((m["id"], text))
                        break
                n += 1
    except (websockets.exceptions.ConnectionClosed, OSError, asyncio.TimeoutError):
        pass  # the kill


async def history(url, token, other):
    """The whole conversation, paging back from the newest 1000."""
    async with websockets.connect(url + "/members/chat/?other_member_id=%d" % other, max_size=None) as ws:
        await ws.send("Bearer " + token)
        page = json.loads(await ws.recv())
        everything = list(page)
        while page:
            await ws.send(json.dumps({"type": "history", "before": page[0]["id"], "limit": 1000}))
            page = json.loads(await ws.recv())
            everything = page + everything
        return everything


async def kill_rounds(d):
    people = ["a@crash.test", "b@crash.test", "c@crash.test", "d@crash.test"]
    for p in people:
        d.admin("user", "create", "--email", p, "--password", "pw", "--role", "premium")
    all_acked = []
    for round_no in range(3):
        d.start()
        url = d.url("chat")
        tokens = {p: login(d, p) for p in people}
        ids = {p: http(d.url("chat", "http"), "/me", token=tokens[p])["id"] for p in people}
        stop = asyncio.Event()
        acked = []
        # a<->b and c<->d, both directions: four sockets writing at once.
        pairs = [("a@crash.test", "b@crash.test"), ("b@crash.test", "a@crash.test"),
                 ("c@crash.test", "d@crash.test"), ("d@crash.test", "c@crash.test")]
        tasks = [asyncio.create_task(sender(url, tokens[s], ids[o], "r%d %s" % (round_no, s), acked, stop)) for s, o in pairs]
        await asyncio.sleep(1.5 + 0.4 * round_no)
        d.proc.send_signal(signal.SIGKILL)
        d.proc.wait()
        stop.set()
        await asyncio.gather(*tasks)
        check(len(acked) > 50, "round %d: messages were acknowledged before the kill (%d)" % (round_no + 1, len(acked)))
        all_acked += acked
        d.urls = {}
    # Everything acknowledged in any round is stored, once.
    d.start()
    tokens = {p: login(d, p) for p in people}
    ids = {p: http(d.url("chat", "http"), "/me", token=tokens[p])["id"] for p in people}
    stored = {}
    for s, o in (("a@crash.test", "b@crash.test"), ("c@crash.test", "d@crash.test")):
        for m in await history(d.url("chat"), tokens[s], ids[o]):
            stored.setdefault(m["id"], []).append(m.get("text"))
    missing = [(i, t) for i, t in all_acked if stored.get(i) != [t]]
    print("acknowledged %d messages over 3 kills; stored %d" % (len(all_acked), len(stored)))
    check(not missing, "no acknowledged message lost (%d missing, e.g. %s)" % (len(missing), missing[:3]))
    code, _ = d.stop()
    check(code == 0, "the daemon stops cleanly after the crashes")


async def sigterm_every_service(d):
    d.admin("user", "create", "--email", "t@crash.test", "--password", "pw", "--role", "premium")
    d.admin("user", "create", "--email", "u@crash.test", "--password", "pw")
    rc, out, _ = d.admin("token", "create", "--name", "bot", "--scope", "private")
    bot = out.strip().splitlines()[-1]
    d.start()
    token = login(d, "t@crash.test")
    other = http(d.url("chat", "http"), "/me", token=login(d, "u@crash.test"))["id"]
    sockets = {}
    sockets["chat"] = await websockets.connect(d.url("chat") + "/members/chat/?other_member_id=%d" % other)
    await sockets["chat"].send("Bearer " + token)
    await sockets["chat"].recv()
    sockets["generic /echo"] = await websockets.connect(d.url("generic") + "/echo")
    sockets["generic room"] = await websockets.connect(d.url("generic") + "/chat/lobby", extra_headers={"Cookie": "sb_session=" + token})
    sockets["channels"] = await websockets.connect(d.url("channels") + "/news/listen")
    await sockets["channels"].recv()  # CONNECTED
    sockets["felix"] = await websockets.connect(d.url("felix") + "/", extra_headers={"Authorization": bot})
    sockets["pop"] = await websockets.connect(d.url("pop") + "/")
    await sockets["pop"].send(json.dumps({"authorization": "Bearer " + token}))
    await sockets["pop"].recv()
    d.proc.send_signal(signal.SIGTERM)

    async def closed(ws):
        try:
            while True:
                await asyncio.wait_for(ws.recv(), 10)
        except websockets.exceptions.ConnectionClosed:
            pass
        except asyncio.TimeoutError:
            pass
        return ws.close_code
    codes = await asyncio.gather(*(closed(ws) for ws in sockets.values()))
    for name, code in zip(sockets, codes):
        check(code == 1001, "SIGTERM: %s gets close 1001 (got %s)" % (name, code))
    rc = d.proc.wait(30)
    check(rc == 0, "SIGTERM: the daemon exits 0 (%s)" % rc)


async def main():
    with Daemon() as d:
        await kill_rounds(d)
    with Daemon() as d:
        await sigterm_every_service(d)
    finish()


asyncio.run(main())

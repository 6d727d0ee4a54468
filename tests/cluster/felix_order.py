"""Felix across two nodes under concurrent writes (docs/cluster.md, "How events travel"):
every subscriber gets a document's changes in one commit order, whichever node made them,
and ends with the stored document; merge patches made on both nodes at once lose nothing."""
import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import websockets

from clusterlib import check, http


async def pushes_until_quiet(ws, quiet=1.0):
    """The 10002 pushes `ws` gets until none comes for `quiet` seconds."""
    got = []
    while True:
        try:
            m = json.loads(await asyncio.wait_for(ws.recv(), quiet))
        except asyncio.TimeoutError:
            return got
        if m.get("code") == 10002:
            got.append(m["data"]["guildData"])


def consistent(x, y):
    """True when the changes both saw come in the same relative order."""
    key = lambda d: (d.get("from"), d.get("i"))  # noqa: E731
    common = {key(d) for d in x} & {key(d) for d in y}
    return [key(d) for d in x if key(d) in common] == [key(d) for d in y if key(d) in common]


async def felix_order(a, b, token):
    subscribers = []
    for n in (a, b):
        ws = await websockets.connect(n.url("felix") + "/", extra_headers={"Authorization": token})
        await ws.send(json.dumps({"code": 20002, "data": {"users": [], "guilds": ["race"]}}))
        subscribers.append(ws)
    await asyncio.sleep(0.3)

    # 25 PUTs from each node at once; each node's own in sequence.
    def writes(n, origin):
        for i in range(25):
            http(n.url("felix", "http"), "PUT", "/guilds/race", {"from": origin, "i": i}, token=token)

    with ThreadPoolExecutor(2) as pool:
        done = [pool.submit(writes, a, "a"), pool.submit(writes, b, "b")]
        seen = await asyncio.gather(*(pushes_until_quiet(ws) for ws in subscribers))
        for f in done:
            f.result()
    status, body = http(a.url("felix", "http"), "GET", "/guilds/race", token=token)
    final = json.loads(body)
    check(all(s and s[-1] == final for s in seen),
          "felix: each node's subscriber ends with the stored document %s (last pushes %s)" % (final, [s[-1:] for s in seen]))
    check(consistent(seen[0], seen[1]), "felix: subscribers on A and B get the changes in one order")
    in_order = all([d["i"] for d in s if d["from"] == origin] == sorted(d["i"] for d in s if d["from"] == origin)
                   for s in seen for origin in "ab")
    check(in_order, "felix: each node's changes arrive in the order they were committed")
    for ws in subscribers:
        await ws.close()

    # Merge patches of one document from both nodes at once: none is lost.
    http(a.url("felix", "http"), "PUT", "/guilds/merge", {}, token=token)

    def patches(n, origin):
        for i in range(15):
            http(n.url("felix", "http"), "PATCH", "/guilds/merge", {"%s%d" % (origin, i): i}, token=token)

    with ThreadPoolExecutor(2) as pool:
        for f in [pool.submit(patches, a, "a"), pool.submit(patches, b, "b")]:
            f.result()
    status, body = http(b.url("felix", "http"), "GET", "/guilds/merge", token=token)
    merged = json.loads(body)
    check(len(merged) == 30, "felix: 30 merge patches on two nodes at once, none lost (%d keys)" % len(merged))

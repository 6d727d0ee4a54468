"""Limits that hold across the cluster (docs/cluster.md): failed logins count on every node,
so an account tried on A and B together is locked after the limit, not after twice it; and a
user's view-count report rate is one budget whichever nodes their sockets are on."""
import asyncio
import json
import time

import websockets

from clusterlib import check, http, recv_json

CONTENT = "5E1D2C3B-4A59-4876-8A9B-0C1D2E3F4A5B"


async def shared_limits(a, b):
    ha, hb = a.url("chat", "http"), b.url("chat", "http")
    email = "locked@cluster.test"
    http(ha, "POST", "/auth/register", {"email": email, "password": "right", "repeat_password": "right"})
    # The account limit is 10 failures a minute: 5 on each node reach it only if the nodes
    # count each other's.
    statuses = [http(n, "POST", "/auth/login", {"email": email, "password": "wrong-%d" % i})[0]
                for i, n in enumerate([ha, hb] * 5)]
    check(statuses == [401] * 10, "10 wrong passwords, 5 on each node (%s)" % statuses)
    await asyncio.sleep(0.3)
    for name, n in (("B", hb), ("A", ha)):
        status, body = http(n, "POST", "/auth/login", {"email": email, "password": "right"})
        check(status == 429 and json.loads(body).get("code") == "TOO_MANY_LOGINS",
              "failed logins count across nodes: the account is locked on %s too (%d %s)" % (name, status, body[:80]))

    # View-count reports: 60 a minute per user. Ann's sockets on A and B take turns; with a
    # budget per node each would allow 35 of its 35.
    email, pw = "reporter@cluster.test", "pw-reporter"
    http(ha, "POST", "/auth/register", {"email": email, "password": pw, "repeat_password": pw})
    token = json.loads(http(hb, "POST", "/auth/login", {"email": email, "password": pw})[1])["access_token"]
    sockets = []
    for n in (a, b):
        ws = await websockets.connect(n.url("pop") + "/")
        await ws.send(json.dumps({"authorization": "Bearer " + token}))
        await recv_json(ws)
        sockets.append(ws)
    started = time.monotonic()
    accepted = 0
    for i in range(70):
        ws = sockets[i % 2]
        await ws.send(json.dumps({"view_counts": {CONTENT: 1}}))
        accepted += (await recv_json(ws, 10)).get("view_counts") is True
    refill = int(time.monotonic() - started) + 1  # one report a second comes back
    check(60 <= accepted <= 60 + refill + 2,
          "the report rate is one budget across nodes: %d of 70 accepted (60 a minute, +%d refilled)" % (accepted, refill))
    for ws in sockets:
        await ws.close()

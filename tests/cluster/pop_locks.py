"""Pop view counts from both nodes at once (docs/cluster.md): reports of several users on
two contents, sent in opposite orders on the two nodes, all stored — the nodes' batches
lock the rows they write in one order, so they never deadlock — and the totals exact."""
import asyncio
import json

import websockets

from clusterlib import check, http, recv_json

X = "0A4F9A4E-1C5B-4E44-9D7C-7A4C4C3B2A10"
Y = "0A4F9A4E-1C5B-4E44-9D7C-7A4C4C3B2A11"


async def pop_locks(a, b):
    clients = []
    for i, n in enumerate((a, a, b, b)):
        email, pw = "viewer%d@cluster.test" % i, "pw-viewer-%d" % i
        http(a.url("chat", "http"), "POST", "/auth/register", {"email": email, "password": pw, "repeat_password": pw})
        token = json.loads(http(a.url("chat", "http"), "POST", "/auth/login", {"email": email, "password": pw})[1])["access_token"]
        ws = await websockets.connect(n.url("pop") + "/")
        await ws.send(json.dumps({"authorization": "Bearer " + token}))
        await recv_json(ws)
        clients.append((ws, (X, Y) if n is a else (Y, X)))

    async def report(ws, order):
        for i in range(40):
            await ws.send(json.dumps({"view_counts": {order[i % 2]: 1}}))
        return [await recv_json(ws, 15) for _ in range(40)]

    replies = await asyncio.gather(*(report(ws, order) for ws, order in clients))
    stored = sum(r == {"view_counts": True} for rs in replies for r in rs)
    check(stored == 160, "pop: 160 reports on two contents from both nodes at once, all stored (%d; others: %s)"
          % (stored, [r for rs in replies for r in rs if r != {"view_counts": True}][:3]))
    status, body = http(b.url("pop", "http"), "GET", "/view_counts?ids=%s,%s" % (X, Y))
    totals = json.loads(body)
    check(totals == {X: {"total": 80, "viewers": 4}, Y: {"total": 80, "viewers": 4}}, "pop: exact totals %s" % totals)
    for ws, _ in clients:
        await ws.close()

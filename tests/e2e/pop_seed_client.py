"""e2e: the pop socket (seed 000) over wss:// with Python `websockets`, sending the seed's
example messages verbatim. Run by ctest with SWITCHBOARDD set."""
import asyncio
import json
import os
import ssl
import sys
import urllib.request

import websockets

from sbd import Daemon

failures = []
passes = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    (passes if cond else failures).append(what)


SEED_AUTH = '''{
  "authorization": "Bearer %s"
}'''
SEED_STATE = '''{
  "state": {
    "active_group_id": null,
    "is_typing": null
  }
}'''
SEED_VIEWS = '''{
  "view_counts": {
    "F7E71599-70DF-4918-A882-DD3C1D53070E": 1,
    "8A213848-5156-4B82-88B6-294AA2D80974": 3,
    "6847ECD4-0DCA-4084-96B4-976BE22F1CB6": 1,
    "269DB696-6312-4BBE-848F-1B2B9C7A2959": 2,
    "2BD768F5-8891-4B90-9E99-311F6F88B111": 1
  }
}'''


async def main():
    with Daemon() as d:
        certs = os.path.join(d.data_dir, "certs")
        rc, out, _ = d.admin("cert", "generate", "--out", certs)
        check(rc == 0, "switchboardd cert generate")
        config = os.path.join(d.data_dir, "config.json")
        with open(config, "w") as f:
            json.dump({"listeners": [
                {"port": 0, "services": ["chat"]},
                {"port": 0, "services": ["pop"], "tls": {"certificate": os.path.join(certs, "cert.pem"), "key": os.path.join(certs, "key.pem")}},
            ]}, f)
        d.start("chat=0", "pop=0")
        check(d.urls["pop"].startswith("https://"), "pop listens with TLS: " + d.urls["pop"])
        http = d.url("chat", "http")

        def post(path, body):
            req = urllib.request.Request(http + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=10) as r:
                return json.loads(r.read())
        post("/auth/register", {"email": "pop@mail.com", "password": "123", "repeat_password": "123"})
        session = post("/auth/login", {"email": "pop@mail.com", "password": "123"})["access_token"]

        tls = ssl.create_default_context(cafile=os.path.join(certs, "cert.pem"))
        url = d.url("pop", "wss") + "/"
        # The seed's handshake sends an Origin header.
        async with websockets.connect(url, ssl=tls, origin="wss://poparazzi.com") as ws:
            await ws.send(SEED_AUTH % session)
            check(json.loads(await asyncio.wait_for(ws.recv(), 5)) == {"authenticated": True}, "session id authenticates")
            await ws.send(SEED_STATE)
            echo = json.loads(await asyncio.wait_for(ws.recv(), 5))
            check(echo["state"]["active_group_id"] is None and echo["state"]["is_typing"] is False
                  and len(echo["state"]["user_id"]) == 36, "state echoed with user_id, null typing as false")
            await ws.send(SEED_VIEWS)
            check(json.loads(await asyncio.wait_for(ws.recv(), 5)) == {"view_counts": True}, "view counts acknowledged")
            await ws.send('{"view_counts": {"F7E71599-70DF-4918-A882-DD3C1D53070E": 999999999}}')
            check(json.loads(await asyncio.wait_for(ws.recv(), 5)) == {"view_counts": True}, "a huge count is accepted but clamped")
            await ws.send('{"view_counts": {"F7E71599-70DF-4918-A882-DD3C1D53070E": -1}}')
            refused = json.loads(await asyncio.wait_for(ws.recv(), 5))
            check(refused["view_counts"] is False and refused["detail"], "a negative count is refused with a reason")

        with urllib.request.urlopen(urllib.request.Request(d.url("pop", "https") + "/view_counts?ids=f7e71599-70df-4918-a882-dd3c1d53070e,8A213848-5156-4B82-88B6-294AA2D80974"),
                                    context=tls, timeout=10) as r:
            totals = json.loads(r.read())
        check(totals["F7E71599-70DF-4918-A882-DD3C1D53070E"] == {"total": 11, "viewers": 1}, "totals after clamping: 1 + 10")
        check(totals["8A213848-5156-4B82-88B6-294AA2D80974"]["total"] == 3, "the seed's counts are stored")

        async with websockets.connect(url, ssl=tls) as ws:
            await ws.send(SEED_AUTH % "9c567d50-a2fd-4f26-a221-d71f4102136b")  # the seed's made-up id
            reply = json.loads(await asyncio.wait_for(ws.recv(), 5))
            try:
                await asyncio.wait_for(ws.recv(), 5)
            except websockets.ConnectionClosed:
                pass
            check(reply["authenticated"] is False and ws.close_code == 1008, "an unknown session: authenticated false, close 1008")

    print("%d checks passed, %d failed" % (len(passes), len(failures)))
    return 1 if failures else 0


sys.exit(asyncio.run(main()))

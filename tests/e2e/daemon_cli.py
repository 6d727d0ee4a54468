"""switchboardd as operators and scripts use it: --help, administration subcommands,
errors with non-zero exits, the listening lines, SIGINT shutdown."""
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import urllib.request

import websockets

from sbd import Daemon

failures = []
passes = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    (passes if cond else failures).append(what)


binary = os.environ["SWITCHBOARDD"]
help_text = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
for opt in ("--data-dir", "--config", "--listen-address", "--port", "--log-level", "--admin", "--admin-port",
            "--no-announce", "user create", "user top-up", "token create", "private|public|admin", "cert generate"):
    check(opt in help_text, "--help documents " + opt)
version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
check(version.startswith("switchboardd "), "--version prints the version")

# The desktop app answers --help and --version without a display (no X, no Wayland, no
# offscreen platform): before any GUI object exists.
gui = os.environ.get("SWITCHBOARD")
if gui:
    bare = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    h = subprocess.run([gui, "--help"], capture_output=True, text=True, env=bare, timeout=30)
    check(h.returncode == 0 and "--connect" in h.stdout and "--data-dir" in h.stdout and "--admin" in h.stdout,
          "switchboard --help without a display prints the options and exits 0")
    v = subprocess.run([gui, "--version"], capture_output=True, text=True, env=bare, timeout=30)
    check(v.returncode == 0 and v.stdout.startswith("switchboard "), "switchboard --version without a display")

with Daemon() as d:
    rc, out, err = d.admin("user", "create", "--email", "admin@mail.com", "--password", "pw", "--role", "superuser", "--balance", "50")
    check(rc == 0 and "created user" in out and "superuser" in out, "user create")
    rc, out, err = d.admin("user", "create", "--email", "ADMIN@mail.com", "--password", "pw")
    check(rc != 0 and "already exists" in err, "duplicate user refused with a clear message")
    rc, out, err = d.admin("user", "create", "--email", "x@mail.com", "--password", "pw", "--role", "king")
    check(rc != 0 and "role must be one of" in err, "bad role refused")
    rc, out, err = d.admin("user", "set-balance", "--email", "admin@mail.com", "--balance", "75")
    check(rc == 0 and "75" in out, "user set-balance")
    rc, out, err = d.admin("user", "set-balance", "--email", "nobody@mail.com", "--balance", "1")
    check(rc != 0 and "no user" in err, "set-balance on unknown user fails")
    rc, out, err = d.admin("user", "set-balance", "--email", "admin@mail.com", "--balance", "-3")
    check(rc != 0, "negative balance refused")
    rc, out, err = d.admin("user", "top-up", "--email", "admin@mail.com", "--amount", "25")
    check(rc == 0 and "100" in out, "user top-up adds coins (75 + 25)")
    rc, out, err = d.admin("user", "top-up", "--email", "admin@mail.com", "--amount", "0")
    check(rc != 0 and "--amount" in err, "top-up of 0 refused")
    rc, out, err = d.admin("user", "disable", "--email", "admin@mail.com")
    check(rc == 0 and "disabled" in out, "user disable")
    rc, out, err = d.admin("user", "enable", "--email", "admin@mail.com")
    check(rc == 0 and "enabled" in out, "user enable")
    rc, out, err = d.admin("user", "disable", "--email", "nobody@mail.com")
    check(rc != 0 and "no user" in err, "disable on unknown user fails")
    rc, out, err = d.admin("token", "create", "--name", "bot", "--scope", "private")
    lines = out.strip().splitlines()
    check(rc == 0 and len(lines) == 2 and lines[1].startswith("sbp_"), "token create prints the token once")
    rc, out, err = d.admin("token", "create", "--name", "bot", "--scope", "public")
    check(rc != 0, "duplicate token name refused")
    rc, out, err = d.admin("token", "create", "--name", "x", "--scope", "secret")
    check(rc != 0 and "--scope" in err, "bad scope refused")
    rc, out, err = d.admin("token", "list")
    check(rc == 0 and "bot\tprivate" in out and "active" in out and "sbp_" not in out, "token list shows names, never tokens")
    rc, out, err = d.admin("token", "revoke", "--name", "bot")
    check(rc == 0 and "revoked" in out, "token revoke")
    rc, out, err = d.admin("token", "list")
    check("revoked" in out, "token list shows the revocation")
    rc, out, err = d.admin("token", "revoke", "--name", "bot")
    check(rc != 0, "revoking twice fails")
    with tempfile.TemporaryDirectory() as certs:
        rc, out, err = d.admin("cert", "generate", "--out", certs)
        check(rc == 0 and os.path.exists(os.path.join(certs, "cert.pem")) and "sha256" in out, "cert generate")
        # The generated pair serves TLS.
        cfg = os.path.join(certs, "config.json")
        with open(cfg, "w") as f:
            f.write('{"listeners":[{"port":0,"address":"127.0.0.1","services":["generic"],'
                    '"tls":{"certificate":"%s","key":"%s"}}]}' % (os.path.join(certs, "cert.pem"), os.path.join(certs, "key.pem")))
        with Daemon("--config", cfg, data_dir=d.data_dir) as tls:
            tls.args = ["--config", cfg]
            tls.proc = subprocess.Popen([binary, "--data-dir", d.data_dir, "--config", cfg],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            line = tls.proc.stdout.readline()
            check(line.startswith("listening generic https://127.0.0.1:"), "TLS listener prints https URL: " + line.strip())
            tls.proc.terminate()
            tls.proc.wait(30)
    rc, out, err = d.admin("frobnicate", "now")
    check(rc != 0 and "unknown command" in err, "unknown command fails")

    for bad, needle in ((["--port", "gopher=1"], "unknown service"), (["--port", "generic"], "SERVICE=PORT"),
                        (["--port", "generic=70000"], "port"), (["--log-level", "loud"], "log-level"),
                        (["--listen-address", "nowhere"], "address")):
        p = subprocess.run([binary, "--data-dir", d.data_dir, *bad], capture_output=True, text=True, timeout=30)
        check(p.returncode != 0 and needle in p.stderr, "refused %s: %s" % (" ".join(bad), p.stderr.strip()))

    # A busy port (issue 22 #3): the other listeners start, that one says why on stderr and
    # the server runs; --strict refuses to start; with every port busy nothing starts.
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        base = [binary, "--data-dir", d.data_dir, "--listen-address", "127.0.0.1", "--admin-port", "0"]
        ports = ["--port", "chat=0", "--port", "generic=0", "--port", "channels=0", "--port", "felix=0"]
        p = subprocess.Popen(base + ports + ["--port", "pop=%d" % taken], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        listening = [p.stdout.readline().strip() for _ in range(3)]
        check(all(line.startswith("listening ") for line in listening)
              and not any(line.startswith("listening pop") for line in listening),
              "the other listeners start: %s" % listening)
        generic = [line.split()[2] for line in listening if "generic" in line][0]
        with urllib.request.urlopen(generic + "/healthz", timeout=10) as r:
            check(r.status == 200, "and serve")
        p.terminate()
        _, err = p.communicate(timeout=30)
        check("not listening pop: cannot listen on 127.0.0.1 port %d for pop" % taken in err,
              "the busy one is named with its reason: " + err.strip().splitlines()[0])
        strict = subprocess.run(base + ports + ["--port", "pop=%d" % taken, "--strict"], capture_output=True,
                                text=True, timeout=30)
        check(strict.returncode != 0 and "port %d" % taken in strict.stderr and "listening" not in strict.stdout,
              "--strict does not start: " + strict.stderr.strip())
        others = [socket.socket() for _ in range(3)]
        for o in others:
            o.bind(("127.0.0.1", 0))
            o.listen()
        held = [o.getsockname()[1] for o in others]
        none = subprocess.run(base + ["--port", "chat=%d" % held[0], "--port", "generic=%d" % held[0],
                                      "--port", "channels=%d" % held[1], "--port", "felix=%d" % held[2],
                                      "--port", "pop=%d" % taken], capture_output=True, text=True, timeout=30)
        for o in others:
            o.close()
        check(none.returncode != 0 and "cannot listen" in none.stderr and "listening" not in none.stdout,
              "nothing can listen: no start")

    d.start()
    check(d.urls["generic"].startswith("http://127.0.0.1:") and d.urls["chat"] == d.urls["generic"],
          "one listening line for chat,generic with the real port")
    with urllib.request.urlopen(d.url("generic", "http") + "/healthz", timeout=10) as r:
        check(r.status == 200, "healthz answers")

    # `user disable` from this other process ends the sessions the running server holds.
    async def disabled_while_connected():
        rc, _, _ = d.admin("user", "create", "--email", "guest@mail.com", "--password", "pw")
        req = urllib.request.Request(d.url("generic", "http") + "/auth/login", data=json.dumps(
            {"email": "guest@mail.com", "password": "pw"}).encode())
        with urllib.request.urlopen(req, timeout=10) as r:
            token = json.loads(r.read())["access_token"]
        async with websockets.connect(d.url("pop")) as ws:
            await ws.send(json.dumps({"authorization": "Bearer " + token}))
            check(json.loads(await ws.recv()) == {"authenticated": True}, "pop socket authenticated")
            rc, out, _ = await asyncio.get_running_loop().run_in_executor(
                None, lambda: d.admin("user", "disable", "--email", "guest@mail.com"))
            check(rc == 0, "user disable while the server runs")
            try:
                await asyncio.wait_for(ws.recv(), 5)
            except websockets.exceptions.ConnectionClosed:
                pass
            except asyncio.TimeoutError:
                pass
            check(ws.close_code == 1008 and "disabled" in (ws.close_reason or ""),
                  "the running server closed the disabled user's socket (%s %s)" % (ws.close_code, ws.close_reason))
    asyncio.run(disabled_while_connected())

    code, out = d.stop(2)  # SIGINT
    check(code == 0 and "stopped" in out, "SIGINT: graceful stop, exit 0")

print("%d checks passed, %d failed" % (len(passes), len(failures)))
sys.exit(1 if failures else 0)

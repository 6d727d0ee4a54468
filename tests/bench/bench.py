#!/usr/bin/env python3
"""Switchboard's benchmark driver.

Starts each server (switchboardd, the bare Qt baseline with glib and with QT_NO_GLIB, the Node
`ws` baseline) pinned to one core, runs tests/bench/loadgen against it pinned to the other,
then the independent generator wsload where it can express the scenario (wsload_bench.py),
and prints one JSON line plus a readable row per measurement. With --report FILE it writes
the Markdown report (bench_report.py, docs/benchmarks.md): machine, command, figures, ratios
and targets.

    bench.py --build build/release [scenario ...] [--report docs/benchmarks.md]
    bench.py --build build/dev --smoke          # every scenario briefly: does the harness work?
"""
import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import bench_report
import cluster_bench
import wsload_bench

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

SCENARIOS = ["echo", "mixed", "relay", "channels-fanout", "chat", "felix", "pop", "idle", "handshake", "basic-admit", "inspector",
             "inspector-remote", *cluster_bench.SCENARIOS]
# Run only when named: `soak` takes ten minutes (scripts/bench soak).
EXTRA_SCENARIOS = ["soak"]
# Scenarios with a target (issues 7 and 9): run in several rounds (all targets once per round,
# so a slow spell of a shared machine hits every target alike); the report takes the median.
ROUND_SCENARIOS = {"echo", "mixed", "channels-fanout", "handshake", "basic-admit", "chat", "inspector", "inspector-remote",
                   *cluster_bench.SCENARIOS}


class Ctx:
    def __init__(self, args):
        self.build = os.path.abspath(args.build)
        self.smoke = args.smoke
        self.duration = args.duration if not args.smoke else 0.5
        self.warmup = 1.0 if not args.smoke else 0.2
        cores = os.cpu_count() or 1
        # Server on core 0, generator on core 1 (when there are two).
        self.server_cpu = ["taskset", "-c", "0"] if cores >= 2 and shutil.which("taskset") else []
        self.gen_cpu = ["taskset", "-c", "1"] if cores >= 2 and shutil.which("taskset") else []
        self.results = []
        self.failures = []
        self.rounds = 1 if args.smoke else max(1, args.rounds)
        self.no_baselines = args.no_baselines
        self.round = 0

    def scale(self, full, smoke):
        return smoke if self.smoke else full

    def loadgen(self, label, target, url, *extra):
        """`url`: the server's, or a list of them (connection i goes to the (i mod n)-th)."""
        urls = [a for u in (url if isinstance(url, list) else [url]) for a in ("--url", u)]
        cmd = [*self.gen_cpu, os.path.join(self.build, "tests", "bench", "loadgen"), *urls,
               "--label", label, "--target", target, "--duration", str(self.duration), "--warmup", str(self.warmup),
               *map(str, extra)]
        # Connecting 10,000 clients and closing them takes a while beyond the measured time.
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=self.duration + self.warmup + 300)
        sys.stderr.write(p.stderr)
        line = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
        if p.returncode != 0 or not line:
            raise RuntimeError(f"loadgen failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
        result = json.loads(line)
        result["round"] = self.round
        print(json.dumps(result), flush=True)
        self.results.append(result)
        if result["errors"]:
            self.failures.append(f"{label}/{target}: {result['errors']} errors")
        return result


class Server:
    """A server process on loopback, pinned to the server core."""

    def __init__(self, ctx, cmd, env=None, ready=r"listening (\S+) (\S+)"):
        self.ctx = ctx
        full_env = dict(os.environ, **(env or {}))
        self.proc = subprocess.Popen([*ctx.server_cpu, *cmd], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, env=full_env, preexec_fn=raise_nofile)
        self.urls = {}
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"{cmd[0]} exited before listening")
            m = re.match(r"listening (\S+)(?: (\S+))?", line)
            if m and m.group(2):
                for service in m.group(1).split(","):
                    self.urls[service] = m.group(2)
                if len(self.urls) >= 5:
                    break
            elif m:
                self.urls["*"] = f"http://127.0.0.1:{m.group(1)}"
                break
        else:
            raise RuntimeError(f"{cmd[0]} did not start listening")
        # Keep reading its output so that a full pipe never blocks the server.
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()

    @property
    def pid(self):
        # taskset execs the server: the pid is the server's.
        return self.proc.pid

    def ws(self, service="*", path="/"):
        return re.sub(r"^http", "ws", self.urls[service]).rstrip("/") + path

    def http(self, service="*", path="/"):
        return self.urls[service].rstrip("/") + path

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def raise_nofile():
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


BENCH_CONFIG = {
    "workers": 1,
    "listen_address": "localhost",
    "limits": {"max_connections": 100000, "max_connections_per_ip": 100000},
    "services": {
        name: {"limits": {"messages_per_second": 10000000}}
        for name in ("generic", "chat", "channels", "felix", "pop")
    },
}
BENCH_CONFIG["services"]["generic"]["allow_anonymous"] = True
BENCH_CONFIG["services"]["pop"].update({"view_reports_per_minute": 1000000, "view_max_per_user": 1000000})


class Switchboard(Server):
    """switchboardd on a fresh data directory; `cluster` ({"node", "redis", "database"}) makes
    it a node of a cluster, and `setup=False` one that joins a cluster already set up (its
    accounts are there)."""

    def __init__(self, ctx, workers=1, gui_args=None, env=None, generic_limits=None, admin_port=0, cluster=None,
                 setup=True):
        self.tmp = tempfile.TemporaryDirectory(prefix="sb-bench-")
        self.data = self.tmp.name
        self.binary = os.path.join(ctx.build, "app", "switchboardd")
        config = json.loads(json.dumps(dict(BENCH_CONFIG, workers=workers)))
        if generic_limits:
            config["services"]["generic"]["limits"].update(generic_limits)
        if cluster:
            config["cluster"] = cluster
        with open(os.path.join(self.data, "config.json"), "w") as f:
            json.dump(config, f)
        self.felix_token = None
        if setup:
            self.admin("user", "create", "--email", "root@bench.lan", "--password", "bench-password-1",
                       "--role", "superuser")
            out = self.admin("token", "create", "--name", "bench", "--scope", "private")
            self.felix_token = out.strip().splitlines()[-1]
        ports = ["chat=0", "generic=0", "channels=0", "felix=0", "pop=0"]
        # The desktop application embeds the same server (the inspector scenario).
        program = [os.path.join(ctx.build, "app", "switchboard"), "--print-listeners", *gui_args] if gui_args else [self.binary]
        self.admin_port = admin_port
        cmd = [*program, "--data-dir", self.data, "--admin-port", str(admin_port), "--no-announce"]
        for p in ports:
            cmd += ["--port", p]
        super().__init__(ctx, cmd, env=env)

    def admin(self, *args):
        p = subprocess.run([self.binary, "--data-dir", self.data, *args], capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            raise RuntimeError(f"switchboardd {' '.join(args)}: {p.stderr}")
        return p.stdout

    def request(self, method, path, body=None, token=None, service="chat"):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.http(service, path), data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read() or b"null")

    def members(self, count):
        """Registers `count` premium members; returns [(id, access_token)]."""
        root = self.request("POST", "/auth/login", {"email": "root@bench.lan", "password": "bench-password-1"})
        del root

        def one(i):
            email = f"m{i}@bench.lan"
            pw = "bench-password-1"
            user = self.request("POST", "/auth/register", {"email": email, "password": pw, "repeat_password": pw})
            token = self.request("POST", "/auth/login", {"email": email, "password": pw})["access_token"]
            return user["id"], token

        with ThreadPoolExecutor(8) as pool:
            users = list(pool.map(one, range(count)))
        root_token = self.request("POST", "/auth/login", {"email": "root@bench.lan", "password": "bench-password-1"})[
            "access_token"]
        for uid, _ in users:
            self.request("POST", f"/admin/users/{uid}/balance", {"amount": 1000000000}, token=root_token)
        return users

    def stop(self):
        super().stop()
        self.tmp.cleanup()


def qt_baseline(ctx, glib=True):
    env = {} if glib else {"QT_NO_GLIB": "1"}
    return Server(ctx, [os.path.join(ctx.build, "tests", "bench", "qt_baseline")], env=env)


def node_baseline(ctx):
    return Server(ctx, ["node", os.path.join(HERE, "node_baseline.cjs")])


def baselines(ctx):
    """(target name, factory) for every baseline available."""
    if ctx.no_baselines:
        return []
    out = [("qt", lambda: qt_baseline(ctx, True)), ("qt-noglib", lambda: qt_baseline(ctx, False))]
    if shutil.which("node") and os.path.isdir(os.path.join(ROOT, "tests", "e2e", "node", "node_modules", "ws")):
        out.append(("node-ws", lambda: node_baseline(ctx)))
    return out


def write_vars(rows):
    f = tempfile.NamedTemporaryFile("w", suffix=".vars", delete=False)
    for row in rows:
        f.write("\t".join(map(str, row)) + "\n")
    f.close()
    return f.name


# --- scenarios --------------------------------------------------------------------------

def scenario_echo(ctx):
    for conns in ctx.scale([100, 1000], [20]):
        label = f"echo-{conns}"
        with Switchboard(ctx) as sb:
            ctx.loadgen(label, "switchboard", sb.ws("generic", "/echo"), "--connections", conns)
            wsload_bench.echo(ctx, label, "switchboard", sb.ws("generic"), conns, sb.pid)
        if not ctx.smoke:
            for name, factory in baselines(ctx):
                with factory() as s:
                    ctx.loadgen(label, name, s.ws(path="/echo"), "--connections", conns)
                    wsload_bench.echo(ctx, label, name, s.ws(), conns, s.pid)


def scenario_mixed(ctx):
    busy, idle = ctx.scale((100, 10000), (5, 50))
    label = "mixed"
    args = ["--connections", busy + idle, "--busy", busy]
    with Switchboard(ctx) as sb:
        ctx.loadgen(label, "switchboard", sb.ws("generic", "/echo"), *args)
        wsload_bench.mixed(ctx, label, "switchboard", sb.ws("generic"), busy, idle, sb.pid)
    if not ctx.smoke:
        for name, factory in baselines(ctx):
            with factory() as s:
                ctx.loadgen(label, name, s.ws(path="/echo"), *args)
                wsload_bench.mixed(ctx, label, name, s.ws(), busy, idle, s.pid)


def scenario_relay(ctx):
    # Pairs in generic rooms: each side sends, the other bounces it back.
    conns = ctx.scale(200, 10)
    rooms = write_vars([[f"bench{i // 2}"] for i in range(conns)])
    try:
        with Switchboard(ctx) as sb:
            ctx.loadgen("relay", "switchboard", sb.ws("generic", "/chat/{0}"), "--connections", conns, "--vars", rooms,
                        "--bounce")
    finally:
        os.unlink(rooms)
    # One room of 500: each message from one member relayed to the 499 others, against the
    # baselines' broadcast to all (the independent generator only).
    fan = ctx.scale(500, 10)
    with Switchboard(ctx) as sb:
        wsload_bench.relay(ctx, f"relay-{fan}", "switchboard", sb.ws("generic"), fan, sb.pid, room="bench-fan")
    if not ctx.smoke:
        for name, factory in baselines(ctx):
            with factory() as s:
                wsload_bench.relay(ctx, f"relay-{fan}", name, s.ws(), fan, s.pid)


def scenario_channels_fanout(ctx):
    listeners = ctx.scale(500, 10)
    publishers = 4
    with Switchboard(ctx) as sb:
        ctx.loadgen(f"fanout-{listeners}", "switchboard", sb.ws("channels", "/bench/listen"),
                    "--connections", listeners, "--busy", publishers, "--app-pong", "--ready-after", 1,
                    "--emit-url", sb.http("channels", "/bench/emit"))
    if not ctx.smoke:
        for name, factory in baselines(ctx):
            with factory() as s:
                # The publisher is one of the broadcast connections (it gets its own copy too).
                ctx.loadgen(f"fanout-{listeners}", name, s.ws(path="/broadcast"), "--connections", listeners + 1,
                            "--busy", 1, "--inflight", publishers)


def scenario_chat(ctx):
    pairs = ctx.scale(50, 3)
    with Switchboard(ctx) as sb:
        users = sb.members(2 * pairs)
        rows = []
        for i, (uid, token) in enumerate(users):
            peer = users[i ^ 1][0]
            rows.append([token, peer])
        path = write_vars(rows)
        try:
            common = ["--connections", 2 * pairs, "--vars", path, "--init", "Bearer {0}", "--ready-after", 1,
                      "--message", '{"type":"text","text":"{payload}"}']
            url = sb.ws("chat", "/members/chat/?other_member_id={1}")
            ctx.loadgen("chat", "switchboard", url, *common, "--inflight", 4)
            ctx.loadgen("chat-10k", "switchboard", url, *common, "--rate", ctx.scale(10000, 200))
        finally:
            os.unlink(path)


def scenario_felix(ctx):
    conns = ctx.scale(100, 5)
    with Switchboard(ctx) as sb:
        ctx.loadgen("felix-heartbeat", "switchboard", sb.ws("felix", "/"), "--connections", conns,
                    "--header", "Authorization: " + sb.felix_token, "--message", '{"code":20001}', "--reply", "any")


def scenario_pop(ctx):
    conns = ctx.scale(100, 5)
    with Switchboard(ctx) as sb:
        users = sb.members(conns)
        path = write_vars([[token] for _, token in users])
        try:
            ctx.loadgen("pop-views", "switchboard", sb.ws("pop", "/"), "--connections", conns, "--vars", path,
                        "--init", '{"authorization": "Bearer {0}"}', "--ready-after", 1,
                        "--message", '{"view_counts":{"3f2504e0-4f89-11d3-9a0c-0305e82c3301":1,'
                                     '"6ba7b810-9dad-11d1-80b4-00c04fd430c8":2}}', "--reply", "any")
        finally:
            os.unlink(path)


def scenario_idle(ctx):
    conns = ctx.scale(10000, 200)
    with Switchboard(ctx) as sb:
        ctx.loadgen("idle", "switchboard", sb.ws("generic", "/echo"), "--mode", "idle", "--connections", conns,
                    "--server-pid", sb.pid)
    # A fresh server each: memory the first generator's connections left behind is not counted.
    with Switchboard(ctx) as sb:
        wsload_bench.idle(ctx, "idle", "switchboard", sb.ws("generic"), conns, sb.pid, "/echo")
    if not ctx.smoke:
        for name, factory in baselines(ctx):
            with factory() as s:
                ctx.loadgen("idle", name, s.ws(path="/idle"), "--mode", "idle", "--connections", conns,
                            "--server-pid", s.pid)
            with factory() as s:
                wsload_bench.idle(ctx, "idle", name, s.ws(), conns, s.pid, "/idle")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def metric(text, name, service):
    for line in text.splitlines():
        if line.startswith(f'{name}{{service="{service}"}} '):
            return int(float(line.rsplit(" ", 1)[1]))
    return 0


def scenario_soak(ctx):
    """10,000 connections for ten minutes: pings every 10 s (answered by every connection),
    100 of them sending a trickle of 200 messages/s in all. Server RSS, heartbeat timeouts,
    slow-consumer closes and lost connections at the start and at the end."""
    conns, busy, rate, seconds = ctx.scale((10000, 100, 200, 600.0), (200, 5, 20, 3.0))
    with Switchboard(ctx, generic_limits={"ping_interval_ms": 10000, "pong_timeout_ms": 10000}) as sb:
        samples = []
        stop = threading.Event()

        every = ctx.scale(5, 0.5)

        def sample():
            while not stop.wait(every):
                with urllib.request.urlopen(sb.http("generic", "/metrics"), timeout=30) as r:
                    text = r.read().decode()
                samples.append({"t": time.time(), "rss_kib": rss_kib(sb.pid),
                                "connections": metric(text, "switchboard_connections", "generic"),
                                "heartbeat_timeouts": metric(text, "switchboard_heartbeat_timeouts_total", "generic"),
                                "slow_consumers": metric(text, "switchboard_slow_consumers_total", "generic")})
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        saved = ctx.duration
        ctx.duration = seconds
        try:
            result = ctx.loadgen("soak", "switchboard", sb.ws("generic", "/echo"), "--connections", conns, "--busy", busy,
                                 "--rate", rate)
        finally:
            ctx.duration = saved
            stop.set()
            sampler.join()
        # The first sample with every connection open, and the last one.
        full = [x for x in samples if x["connections"] >= conns * 0.99] or samples
        result["soak"] = {"start": full[0] if full else None, "end": full[-1] if full else None, "samples": len(samples)}
        print(json.dumps({"soak": result["soak"]}), flush=True)


def scenario_handshake(ctx):
    slots = ctx.scale(20, 4)
    with Switchboard(ctx) as sb:
        ctx.loadgen("handshake", "switchboard", sb.ws("generic", "/echo"), "--mode", "handshake", "--connections", slots)
        wsload_bench.handshake(ctx, "handshake", "switchboard", sb.ws("generic"), ctx.scale(64, 4), sb.pid)
    if not ctx.smoke:
        for name, factory in baselines(ctx):
            with factory() as s:
                ctx.loadgen("handshake", name, s.ws(path="/echo"), "--mode", "handshake", "--connections", slots)
                wsload_bench.handshake(ctx, "handshake", name, s.ws(), ctx.scale(64, 4), s.pid)


def scenario_basic_admit(ctx):
    """A relay room filling all at once (issue 23): 500 connections to `/chat/{room}` with the
    same HTTP Basic credentials opened together; seconds until every one is admitted, and the
    Argon2id checks that took. Fresh credentials each round: nothing remembered from before."""
    import asyncio
    import base64
    import websockets
    conns = ctx.scale(500, 50)
    with Switchboard(ctx) as sb:
        email, password = f"crowd{ctx.round}@bench.lan", "bench-password-1"
        sb.request("POST", "/auth/register", {"email": email, "password": password, "repeat_password": password})

        def checks():
            with urllib.request.urlopen(sb.http("chat", "/metrics"), timeout=30) as r:
                for line in r.read().decode().splitlines():
                    if line.startswith("switchboard_password_checks_total "):
                        return int(line.split()[1])
            return 0

        before = checks()
        auth = "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()
        url = sb.ws("generic", "/chat/bench-room")

        async def admit():
            async def one():
                try:
                    return await websockets.connect(url, extra_headers={"Authorization": auth}, open_timeout=300,
                                                    max_queue=None)
                except Exception:
                    return None
            start = time.monotonic()
            socks = await asyncio.gather(*[one() for _ in range(conns)])
            seconds = time.monotonic() - start
            await asyncio.gather(*[s.close() for s in socks if s])
            return seconds, sum(1 for s in socks if s is None)

        seconds, errors = asyncio.run(admit())
        result = {"scenario": "basic-admit", "target": "switchboard", "mode": "admit", "connections": conns,
                  "seconds": round(seconds, 3), "password_checks": checks() - before, "errors": errors,
                  "round": ctx.round}
    print(json.dumps(result), flush=True)
    ctx.results.append(result)
    if errors:
        ctx.failures.append(f"basic-admit: {errors} connections refused")


def scenario_inspector(ctx):
    """Server throughput inside the desktop app with the inspector closed, then open and
    capturing every frame, in the same run; and how long the window's event loop stalled."""
    conns = ctx.scale(100, 10)
    env = {"QT_QPA_PLATFORM": os.environ.get("SB_BENCH_QPA", "offscreen")}
    for target, args in (("gui-inspector-closed", ["--tab", "overview"]),
                         ("gui-inspector-capturing", ["--tab", "traffic", "--capture"])):
        report = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
        try:
            with Switchboard(ctx, gui_args=[*args, "--stall-report", report], env=env) as app:
                result = ctx.loadgen("inspector", target, app.ws("generic", "/echo"), "--connections", conns)
            with open(report) as f:
                stalls = json.load(f)
        finally:
            os.unlink(report)
        result.update({"gui_" + k: v for k, v in stalls.items()})
        print(f"{'':16} {target}: GUI loop stalled at most {stalls['max_stall_ms']} ms "
              f"({stalls['stalls_over_100ms']} stalls over 100 ms), {stalls['records_pulled']} records pulled, "
              f"{stalls['records_dropped']} dropped by the ring", file=sys.stderr, flush=True)
        if target == "gui-inspector-capturing" and stalls["records_pulled"] == 0:
            ctx.failures.append("inspector: the capturing inspector pulled no records")


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ws_text_frame(text):
    """One masked text frame, as a client sends it."""
    payload, mask = text.encode(), os.urandom(4)
    n = len(payload)
    head = bytes([0x81, 0x80 | n]) if n < 126 else bytes([0x81, 0x80 | 126]) + n.to_bytes(2, "big")
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def stalled_watcher(port):
    """An admin client that follows the capture of every frame and then never reads."""
    import socket
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
    s.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += s.recv(4096)
    hello = {"id": 1, "op": "hello", "args": {"version": 1, "email": "root@bench.lan", "password": "bench-password-1"}}
    s.sendall(ws_text_frame(json.dumps(hello)))
    s.settimeout(10)
    if b'"ok":true' not in s.recv(65536):
        raise RuntimeError("the stalled watcher was not admitted")
    for msg in ({"id": 2, "op": "capture.set", "args": {"service": "generic", "on": True}},
                {"id": 3, "op": "capture.follow", "args": {"after": 0}}):
        s.sendall(ws_text_frame(json.dumps(msg)))
    return s  # never read from again


def scenario_inspector_remote(ctx):
    """A headless node's throughput with nobody attached, with the desktop app attached
    remotely (on the generator's core, as if on another machine) capturing every frame, and
    with an admin client that follows the capture and stops reading (issue 20)."""
    conns = ctx.scale(100, 10)
    env = {"QT_QPA_PLATFORM": os.environ.get("SB_BENCH_QPA", "offscreen")}
    for target in ("remote-none", "remote-capturing", "remote-stalled"):
        port = free_port()
        watcher, report, stalls = None, None, None
        with Switchboard(ctx, admin_port=port) as sb:
            if target == "remote-capturing":
                report = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
                app_data = tempfile.TemporaryDirectory(prefix="sb-bench-app-")
                url = f"ws://root%40bench.lan:bench-password-1@127.0.0.1:{port}"
                watcher = subprocess.Popen(
                    [*ctx.gen_cpu, "nice", "-n", "19", os.path.join(ctx.build, "app", "switchboard"), "--data-dir", app_data.name,
                     "--connect", url, "--tab", "traffic", "--capture", "--stall-report", report, "--admin", "off",
                     "--no-announce", "--listen-address", "localhost",
                     *[a for p in ("chat", "generic", "channels", "felix", "pop") for a in ("--port", p + "=0")]],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, **env))
                time.sleep(ctx.scale(4, 3))  # started, attached, capture on
            elif target == "remote-stalled":
                watcher = stalled_watcher(port)
            result = ctx.loadgen("inspector-remote", target, sb.ws("generic", "/echo"), "--connections", conns)
            if target == "remote-capturing":
                watcher.terminate()
                watcher.wait(timeout=30)
                app_data.cleanup()
                with open(report) as f:
                    stalls = json.load(f)
                os.unlink(report)
                result.update({"gui_" + k: v for k, v in stalls.items()})
                print(f"{'':16} {target}: the remote app pulled {stalls['records_pulled']} records, "
                      f"its loop stalled at most {stalls['max_stall_ms']} ms", file=sys.stderr, flush=True)
                if stalls["records_pulled"] == 0:
                    ctx.failures.append("inspector-remote: the remote app received no records")
            elif watcher:
                watcher.close()


RUNNERS = {
    "echo": scenario_echo, "mixed": scenario_mixed, "relay": scenario_relay,
    "channels-fanout": scenario_channels_fanout, "chat": scenario_chat, "felix": scenario_felix,
    "pop": scenario_pop, "idle": scenario_idle, "handshake": scenario_handshake, "basic-admit": scenario_basic_admit,
    "inspector": scenario_inspector, "inspector-remote": scenario_inspector_remote, "soak": scenario_soak,
    "cluster-fanout": lambda ctx: cluster_bench.fanout(ctx, Switchboard),
    "cluster-chat": lambda ctx: cluster_bench.chat(ctx, Switchboard, write_vars),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenarios", nargs="*", help=f"any of {', '.join(SCENARIOS + EXTRA_SCENARIOS)} "
                                                 f"(default: all but {', '.join(EXTRA_SCENARIOS)})")
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "release"))
    ap.add_argument("--duration", type=float, default=5.0)
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the scenarios with targets (median reported)")
    ap.add_argument("--smoke", action="store_true", help="every scenario briefly, small, Switchboard only")
    ap.add_argument("--report", help="write the Markdown report here")
    ap.add_argument("--no-baselines", action="store_true",
                    help="Switchboard only (to compare two builds of it, e.g. before and after a change)")
    args = ap.parse_args()
    unknown = [s for s in args.scenarios if s not in RUNNERS]
    if unknown:
        ap.error(f"unknown scenario {', '.join(unknown)}; choose from {', '.join(SCENARIOS + EXTRA_SCENARIOS)}")
    ctx = Ctx(args)
    for ctx.round in range(ctx.rounds):
        for name in args.scenarios or (SCENARIOS + EXTRA_SCENARIOS if ctx.smoke else SCENARIOS):
            if ctx.round > 0 and name not in ROUND_SCENARIOS:
                continue
            print(f"==> {name}" + (f" (round {ctx.round + 1} of {ctx.rounds})" if ctx.rounds > 1 else ""),
                  file=sys.stderr, flush=True)
            RUNNERS[name](ctx)
    if args.report:
        bench_report.report(ctx, args.report, " ".join(["scripts/bench", *args.scenarios]), ROUND_SCENARIOS)
        print(f"report written to {args.report}", file=sys.stderr)
    if ctx.smoke:
        # The harness works when every measurement moved messages without errors.
        for r in ctx.results:
            if r.get("generator") == "wsload":
                continue  # its errors are failures already
            if r["mode"] == "admit":
                if r["password_checks"] < 1:
                    ctx.failures.append(f"{r['scenario']}: no password was checked")
                continue
            if r["mode"] != "idle" and r["messages"] == 0:
                ctx.failures.append(f"{r['scenario']}/{r['target']}: no messages")
            if r["mode"] == "idle" and r["open"] != r["connections"]:
                ctx.failures.append(f"{r['scenario']}/{r['target']}: {r['open']} of {r['connections']} open")
            if "fanout" in r["scenario"] and r["deliveries"] == 0:
                ctx.failures.append(f"{r['scenario']}: no deliveries")
    if ctx.failures:
        print("FAILED:\n  " + "\n  ".join(ctx.failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

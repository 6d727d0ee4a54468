"""The second, independent load generator of the benchmark driver (issue 23).

`wsload` (../shared/bench/wsload.cpp: one thread, epoll, no Qt, one message in flight per
connection) is built from the shared tree at bench time, never copied here. Every scenario it
can express runs on it too, against the same server processes and baselines as
tests/bench/loadgen, in the same round:

- echo-100, echo-1000: `wsload echo -c N` on /echo (echoed messages/s);
- mixed: 10,000 idle connections held by one `wsload idle`, then `wsload echo -c 100`;
- relay-500: `wsload bcast -c 500`, connection 0 publishing: Switchboard relays each message
  to the 499 others of a `/chat/{room}` (`-x`); the baselines broadcast it to all 500 on
  /broadcast (deliveries/s);
- idle: `wsload idle -c 10000 -m PID` (the server's RSS per connection), on a fresh server;
- handshake: `wsload hs -m PID` (connect, upgrade, close; the server's CPU per connection).

Its figures go into the report beside loadgen's (bench.py, "Independent generator").
"""
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The shared tree beside the project (SB_SHARED overrides).
SHARED = os.environ.get("SB_SHARED") or os.path.join(os.path.dirname(ROOT), "shared")
SOURCE = os.path.join(SHARED, "bench", "wsload.cpp")

# What each mode measures, and whether more is better.
FIGURES = {"echo": ("msgs_per_s", "messages/s", True), "bcast": ("deliveries_per_s", "deliveries/s", True),
           "idle": ("kib_per_conn", "KiB per connection", False), "hs": ("server_us_per_conn", "server µs per connection", False)}


def binary(ctx):
    """Builds wsload into the build tree when its source is newer; None when the shared tree
    is not there (a fresh clone on its own: loadgen still runs every scenario)."""
    if not os.path.exists(SOURCE):
        return None
    out = os.path.join(ctx.build, "tests", "bench", "wsload")
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(SOURCE):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        subprocess.run(["g++", "-O2", "-std=c++17", "-o", out, SOURCE], check=True)
    return out


def available(ctx):
    if not hasattr(ctx, "wsload"):
        ctx.wsload = binary(ctx)
        if ctx.wsload is None:
            print(f"wsload: {SOURCE} not found; the independent generator is skipped", file=sys.stderr, flush=True)
    return ctx.wsload is not None


def port_of(url):
    return int(re.search(r":(\d+)(/|$)", url).group(1))


def parse(line):
    """`RESULT mode=echo conns=100 msgs_per_s=9000 server_cpu=99% …` as a dict."""
    out = {}
    for key, value in re.findall(r"(\w+)=(\S+)", line):
        value = value.rstrip("%")
        try:
            out[key] = float(value) if "." in value else int(value)
        except ValueError:
            out[key] = value
    return out


def command(ctx, mode, url, *args):
    hard_cap = ctx.duration + ctx.warmup + 150
    return [*ctx.gen_cpu, ctx.wsload, mode, "-p", str(port_of(url)), "-d", str(ctx.duration), "-w", str(ctx.warmup),
            "-T", str(hard_cap), *map(str, args)]


def run(ctx, label, target, mode, url, *args, path=None, server_pid=None):
    """One measurement; recorded in ctx.results with "generator": "wsload"."""
    if not available(ctx):
        return None
    extra = list(args)
    if path:
        extra += ["-u", path]
    if server_pid:
        extra += ["-m", server_pid]
    cmd = command(ctx, mode, url, *extra)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=ctx.duration + ctx.warmup + 200)
    lines = [x for x in p.stdout.splitlines() if x.startswith("RESULT")]
    raw = parse(lines[-1]) if lines else {}
    key, unit, _ = FIGURES[mode]
    if mode == "idle" and "per_conn_bytes" in raw:
        raw["kib_per_conn"] = round(raw["per_conn_bytes"] / 1024, 2)
    errors = sum(int(raw.get(k, 0)) for k in ("failures", "bad_payload", "bad", "unexpected_close"))
    if p.returncode != 0 or key not in raw or "ERROR" in (lines[-1] if lines else "ERROR"):
        errors = max(errors, 1)
        ctx.failures.append(f"wsload {label}/{target}: {' '.join(cmd)}\n{p.stdout}{p.stderr}")
    elif errors:
        ctx.failures.append(f"wsload {label}/{target}: {errors} errors")
    result = {"generator": "wsload", "scenario": label, "target": target, "mode": mode, "figure": raw.get(key),
              "unit": unit, "server_cpu": raw.get("server_cpu"), "errors": errors, "round": ctx.round, "raw": raw}
    print(f"wsload {label} {target}: {result['figure']} {unit}", file=sys.stderr, flush=True)
    ctx.results.append(result)
    return result


def echo(ctx, label, target, url, conns, pid):
    return run(ctx, label, target, "echo", url, "-c", conns, path="/echo", server_pid=pid)


def mixed(ctx, label, target, url, busy, idle, pid):
    """`idle` connections held by one wsload while another echoes on `busy`."""
    if not available(ctx):
        return None
    hold = ctx.duration + ctx.warmup + 60
    holder = subprocess.Popen(command(ctx, "idle", url, "-c", idle, "-H", hold, "-u", "/echo"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # It says "connected N/M" on stderr once every connection is open.
        deadline = time.time() + 150
        for line in holder.stderr:
            if line.startswith("connected") or time.time() > deadline:
                break
        return echo(ctx, label, target, url, busy, pid)
    finally:
        holder.terminate()
        holder.wait(timeout=30)


def relay(ctx, label, target, url, conns, pid, room=None):
    """Connection 0 publishes: to the others of `room` (Switchboard), or to all on /broadcast."""
    if room:
        return run(ctx, label, target, "bcast", url, "-c", conns, "-x", path=f"/chat/{room}", server_pid=pid)
    return run(ctx, label, target, "bcast", url, "-c", conns, path="/broadcast", server_pid=pid)


def idle(ctx, label, target, url, conns, pid, path):
    return run(ctx, label, target, "idle", url, "-c", conns, "-H", ctx.scale(5, 2.5), path=path, server_pid=pid)


def handshake(ctx, label, target, url, slots, pid):
    return run(ctx, label, target, "hs", url, "-k", slots, path="/echo", server_pid=pid)


# --- report -----------------------------------------------------------------------------

def median(results, scenario, target):
    rs = sorted((r for r in results if r.get("generator") == "wsload" and r["scenario"] == scenario
                 and r["target"] == target and r["figure"] is not None), key=lambda r: r["figure"])
    return rs[len(rs) // 2] if rs else None


def ratio(results, scenario, base):
    """Switchboard against `base`, as "times better": more/s over more/s, or less over less."""
    ours, theirs = median(results, scenario, "switchboard"), median(results, scenario, base)
    if not ours or not theirs or not ours["figure"] or not theirs["figure"]:
        return None
    better_high = FIGURES[ours["mode"]][2]
    return ours["figure"] / theirs["figure"] if better_high else theirs["figure"] / ours["figure"]


def report_lines(results, fmt):
    rs = [r for r in results if r.get("generator") == "wsload"]
    if not rs:
        return []
    lines = ["", "## Independent generator (wsload)", "",
             "The same servers measured by `../shared/bench/wsload.cpp` (one thread, epoll, one message in flight per "
             "connection; built from the shared tree by `scripts/bench`). Medians of the rounds; the ratios say how "
             "many times better Switchboard is (for memory and handshake CPU: how many times less it uses).", "",
             "| scenario | target | figure | unit | server CPU | vs qt | vs qt-noglib | vs node-ws | errors |",
             "|---|---|---:|---|---:|---:|---:|---:|---:|"]
    seen = list(dict.fromkeys((r["scenario"], r["target"]) for r in rs))
    for scenario, target in seen:
        r = median(rs, scenario, target) or next(x for x in rs if x["scenario"] == scenario and x["target"] == target)
        ratios = [ratio(rs, scenario, b) if target == "switchboard" else None for b in ("qt", "qt-noglib", "node-ws")]
        digits = 2 if r["mode"] in ("idle", "hs") else 0
        cpu = f"{r['server_cpu']:.0f}%" if isinstance(r.get("server_cpu"), (int, float)) and r["server_cpu"] >= 0 else "–"
        lines.append(f"| {scenario} | {target} | {fmt(r['figure'], digits)} | {r['unit']} | {cpu} | "
                     + " | ".join(fmt(v, 2) + "×" if v else "–" for v in ratios) + f" | {r['errors']} |")
    return lines

"""The Markdown report of the benchmark driver (bench.py --report, docs/benchmarks.md): the
machine and command, every figure as the median of its rounds, ratios to the baselines, and
each issue's targets with whether they are met. Reads only the results (one dict per
measurement, as loadgen and wsload print them) and the machine it runs on; starts no server.
"""
import datetime
import json
import os
import platform
import shutil
import subprocess

import cluster_bench
import wsload_bench


def find(results, scenario, target):
    """The median measurement of `target` in `scenario` over the rounds (None if not run)."""
    rs = sorted((r for r in results if r["scenario"] == scenario and r["target"] == target),
                key=lambda r: figure(r) or 0)
    return rs[len(rs) // 2] if rs else None


def figure(r):
    if r is None:
        return None
    if r["mode"] == "idle":
        return r["kib_per_connection"]
    if r["mode"] == "admit":
        return r["seconds"]
    if "fanout" in r["scenario"]:
        return r["deliveries_per_second"]
    return r["per_second"]


def ratio(results, scenario, base):
    ours, theirs = figure(find(results, scenario, "switchboard")), figure(find(results, scenario, base))
    if not ours or not theirs:
        return None
    return ours / theirs


TARGETS = [
    # (scenario, baseline, minimum ratio, description)
    ("mixed", "qt", 25.0, "mixed (100 busy + 10,000 idle) ≥ 25× bare Qt (glib)"),
    ("mixed", "node-ws", 1.5, "mixed ≥ 1.5× Node ws"),
    ("echo-1000", "qt", 1.6, "echo at 1000 connections ≥ 1.6× bare Qt (glib)"),
    ("echo-1000", "node-ws", 1.3, "echo at 1000 connections ≥ 1.3× Node ws"),
    ("echo-100", "qt", 1.15, "echo at 100 connections ≥ 1.15× bare Qt"),
    ("fanout-500", "qt", 1.5, "channels fan-out to 500 listeners ≥ 1.5× bare Qt broadcast (glib)"),
    ("handshake", "qt", 0.9, "handshake ≥ 0.9× bare Qt listen()"),
]


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    qt = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libqt6core6"], capture_output=True, text=True).stdout
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip() if shutil.which("node") else "-"
    return {"cpu": model, "cores": os.cpu_count(), "kernel": platform.release(), "qt": qt or "?", "node": node}


def fmt(v, digits=0):
    if v is None:
        return "–"
    return f"{v:,.{digits}f}"


# Issue 23's targets, on both generators: (scenario, baseline, minimum ratio, description); the
# ratio is "times better" on both (wsload_bench.ratio).
# The last column of the table is what the issue measured when it was filed (the independent
# generator, medians of per-round ratios): the "before" of each target.
TARGETS_23 = [
    ("echo-1000", "node-ws", 1.6, "echo at 1,000 connections ≥ 1.6× Node ws", "1.15×"),
    ("echo-1000", "qt", 3.0, "echo at 1,000 connections ≥ 3× bare Qt (glib)", "1.94×"),
    ("echo-100", "node-ws", 2.0, "echo at 100 connections ≥ 2× Node ws", "1.66×"),
    ("mixed", "node-ws", 1.8, "100 busy + 10,000 idle ≥ 1.8× Node ws", "1.24×"),
]


def issue23_lines(results, rs):
    """The targets of issue 23 with what each generator measured."""
    lines = ["", "## Targets (issue 23: both generators)", "",
             "| target | loadgen | wsload | met on both | when issue 23 was filed |", "|---|---:|---:|:---:|---:|"]

    def row(text, a, b, ok_a, ok_b, before):
        ran = [ok for v, ok in ((a, ok_a), (b, ok_b)) if v != "–"]
        lines.append(f"| {text} | {a} | {b} | {'yes' if ran and all(ran) else 'no'} | {before} |")

    for scenario, base, minimum, text, before in TARGETS_23:
        a, b = ratio(rs, scenario, base), wsload_bench.ratio(results, scenario, base)
        if a is None and b is None:
            continue
        row(text, fmt(a, 2) + "×" if a else "–", fmt(b, 2) + "×" if b else "–",
            bool(a and a >= minimum), bool(b and b >= minimum), before)
    fan, relay = ratio(rs, "fanout-500", "qt"), wsload_bench.ratio(results, "relay-500", "qt")
    if fan or relay:
        row("fan-out ≥ 2× bare Qt broadcast (loadgen: channels to 500; wsload: a `/chat/{room}` of 500)",
            fmt(fan, 2) + "×" if fan else "–", fmt(relay, 2) + "×" if relay else "–",
            bool(fan and fan >= 2), bool(relay and relay >= 2), "1.42×")
    hs = wsload_bench.ratio(results, "handshake", "qt")
    if hs:
        row("handshake: server CPU per connection ≤ 0.55× bare Qt's", "–", f"{1 / hs:.2f}×", True, 1 / hs <= 0.55, "0.83×")
    mem_a, mem_b = find(rs, "idle", "switchboard"), wsload_bench.median(results, "idle", "switchboard")
    if mem_a or mem_b:
        a = mem_a["kib_per_connection"] if mem_a else None
        b = mem_b["figure"] if mem_b else None
        row("idle memory ≤ 12 KiB per plain connection", f"{a:.2f} KiB" if a else "–", f"{b:.2f} KiB" if b else "–",
            bool(a and a <= 12), bool(b and b <= 12), "19.4 KiB")
    chat, chat10k = find(rs, "chat", "switchboard"), find(rs, "chat-10k", "switchboard")
    if chat:
        row("chat ≥ 100,000 messages/s stored and delivered", f"{fmt(chat['per_second'])}/s", "–",
            chat["per_second"] >= 100000, True, "55,208/s")
    if chat10k:
        p99ms = chat10k["rtt_p99_us"] / 1000
        row("chat p99 ≤ 20 ms at 10,000 messages/s", f"{p99ms:.1f} ms", "–", p99ms <= 20 and chat10k["per_second"] >= 9500, True, "–")
    admit = find(rs, "basic-admit", "switchboard")
    if admit:
        row(f"{admit['connections']:,} connections to `/chat/{{room}}` with HTTP Basic admitted in ≤ 5 s",
            f"{admit['seconds']:.2f} s, {admit['password_checks']} check(s)", "–",
            admit["seconds"] <= 5 and not admit["errors"], True, "~110 s")
    return lines if len(lines) > 5 else []


def report(ctx, path, command, round_scenarios):
    m = machine()
    rs = [r for r in ctx.results if r.get("generator") != "wsload"]  # loadgen's; wsload's have their section
    lines = [
        "# Benchmarks",
        "",
        "The latest figures from the benchmark harness (`tests/bench/`, see [performance.md](performance.md)).",
        "Regenerate with `scripts/bench` (all scenarios) or `scripts/bench echo mixed …`.",
        "",
        f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {m['cpu']}, {m['cores']} cores, Linux {m['kernel']}; Qt {m['qt']}, Node {m['node']}",
        f"- Command: `{command}`",
        "- Server pinned to core 0, generator (`loadgen`, epoll, no Qt; then `wsload`, the independent one) to core 1; "
        f"{ctx.duration:g} s measured after {ctx.warmup:g} s warm-up; Switchboard runs 1 worker thread, release build.",
        f"- Scenarios with targets ({', '.join(sorted(round_scenarios))}) ran {ctx.rounds} round{'s' if ctx.rounds != 1 else ''}, every target once per "
        "round; each figure below is the median of its rounds (all rounds are in the raw results).",
        "- Targets: `switchboard` (switchboardd with the full protocol logic), `qt` (bare QWebSocketServer, "
        "glib event loop, the Qt default), `qt-noglib` (the same with `QT_NO_GLIB=1`), `node-ws` (Node `ws` 7).",
        "",
        "## Throughput",
        "",
        "| scenario | target | connections | busy | per second | deliveries/s | p50 µs | p99 µs | vs qt | vs node-ws | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    seen = []
    for r in rs:
        if (r["scenario"], r["target"]) not in seen:
            seen.append((r["scenario"], r["target"]))
    for scenario, target in seen:
        r = find(rs, scenario, target)
        if r["mode"] in ("idle", "admit"):
            continue
        vq = ratio(rs, r["scenario"], "qt") if r["target"] == "switchboard" else None
        vn = ratio(rs, r["scenario"], "node-ws") if r["target"] == "switchboard" else None
        lines.append(
            f"| {r['scenario']} | {r['target']} | {r['connections']:,} | {r['busy']:,} | {fmt(r['per_second'])} | "
            f"{fmt(r['deliveries_per_second']) if r['deliveries'] else '–'} | {r['rtt_p50_us']:,} | {r['rtt_p99_us']:,} | "
            f"{fmt(vq, 2) + '×' if vq else '–'} | {fmt(vn, 2) + '×' if vn else '–'} | {r['errors']} |")
    idle = [r for r in rs if r["mode"] == "idle"]
    if idle:
        lines += ["", "## Memory per idle connection", "",
                  "| target | connections | RSS before KiB | RSS after KiB | KiB per connection |",
                  "|---|---:|---:|---:|---:|"]
        for r in [find(rs, "idle", t) for t in dict.fromkeys(r["target"] for r in idle)]:
            lines.append(f"| {r['target']} | {r['open']:,} | {r['rss_before_kib']:,} | {r['rss_after_kib']:,} | "
                         f"{r['kib_per_connection']:.2f} |")
    soak = find(rs, "soak", "switchboard")
    if soak and soak.get("soak", {}).get("start"):
        a, b = soak["soak"]["start"], soak["soak"]["end"]
        minutes = (b["t"] - a["t"]) / 60
        lines += ["", "## Soak (issue 21)", "",
                  f"{soak['connections']:,} connections to `/echo` for {soak['seconds'] / 60:.0f} minutes: the server pings "
                  f"every 10 s and every connection answers; {soak['busy']} of them send a trickle of "
                  f"{fmt(soak['per_second'])} messages/s in all (p50 {soak['rtt_p50_us']:,} µs, p99 {soak['rtt_p99_us']:,} µs). "
                  f"Start and end are {minutes:.1f} minutes apart.", "",
                  "| | open connections | RSS KiB | heartbeat timeouts | closed as slow consumers | lost (generator) |",
                  "|---|---:|---:|---:|---:|---:|",
                  f"| start | {a['connections']:,} | {a['rss_kib']:,} | {a['heartbeat_timeouts']} | {a['slow_consumers']} | – |",
                  f"| end | {b['connections']:,} | {b['rss_kib']:,} | {b['heartbeat_timeouts']} | {b['slow_consumers']} | "
                  f"{soak['lost']} |"]
    cluster_lines, cluster_targets = cluster_bench.report_lines(
        lambda label, target: find(rs, label, target), fmt,
        lambda label, target: [r for r in rs if r["scenario"] == label and r["target"] == target])
    lines += cluster_lines
    lines += ["", "## Targets (issue 9)", "", "| target | measured | met |", "|---|---:|:---:|"]
    for scenario, base, minimum, text in TARGETS:
        v = ratio(rs, scenario, base)
        if v is None and not any(r["scenario"] == scenario for r in rs):
            continue  # not run this time (scripts/bench with a few scenarios)
        lines.append(f"| {text} | {fmt(v, 2) + '×' if v else 'not run'} | {'yes' if v and v >= minimum else 'no'} |")
    closed, capturing = find(rs, "inspector", "gui-inspector-closed"), find(rs, "inspector", "gui-inspector-capturing")
    if closed and capturing and closed["per_second"]:
        v = capturing["per_second"] / closed["per_second"]
        lines.append(f"| inspector open and capturing: at most 10% slower than closed (issue 7) | {v:.2f}× | "
                     f"{'yes' if v >= 0.9 else 'no'} |")
        # A stall is a stall in any round: the worst of them all, not the median.
        worst = max(r.get("gui_max_stall_ms", 0) for r in rs if r["scenario"] == "inspector")
        lines.append(f"| GUI event loop never stalls over 100 ms under that load (issue 7) | {worst} ms | "
                     f"{'yes' if worst <= 100 else 'no'} |")
    alone = find(rs, "inspector-remote", "remote-none")
    for target, text in (("remote-capturing", "a remote app capturing every frame: the node keeps ≥ 0.9× (issue 20)"),
                         ("remote-stalled", "a remote watcher that stops reading: the node keeps ≥ 0.9× (issue 20)")):
        watched = find(rs, "inspector-remote", target)
        if alone and watched and alone["per_second"]:
            v = watched["per_second"] / alone["per_second"]
            lines.append(f"| {text} | {v:.2f}× | {'yes' if v >= 0.9 else 'no'} |")
    qt_idle, sb_idle = find(rs, "idle", "qt"), find(rs, "idle", "switchboard")
    if qt_idle and sb_idle:
        extra = sb_idle["kib_per_connection"] - qt_idle["kib_per_connection"]
        lines.append(f"| idle: our state adds ≤ 2 KiB per connection to bare Qt's | {extra:+.2f} KiB | "
                     f"{'yes' if extra <= 2 else 'no'} |")
    chat, chat10k = find(rs, "chat", "switchboard"), find(rs, "chat-10k", "switchboard")
    if chat:
        lines.append(f"| chat ≥ 50,000 messages/s stored and delivered | {fmt(chat['per_second'])}/s | "
                     f"{'yes' if chat['per_second'] >= 50000 else 'no'} |")
    if chat10k:
        p99ms = chat10k["rtt_p99_us"] / 1000
        lines.append(f"| chat p99 ≤ 20 ms at 10,000 messages/s | {p99ms:.1f} ms at {fmt(chat10k['per_second'])}/s | "
                     f"{'yes' if p99ms <= 20 and chat10k['per_second'] >= 9500 else 'no'} |")
    for text, measured, met in cluster_targets:
        lines.append(f"| {text} | {measured} | {'yes' if met else 'no'} |")
    lines += issue23_lines(ctx.results, rs)
    lines += wsload_bench.report_lines(ctx.results, fmt)
    lines += ["", "Raw results (one JSON line per measurement):", "", "```"]
    lines += [json.dumps(r) for r in ctx.results]
    lines += ["```", ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))

"""Cluster scenarios of the benchmark driver (docs/cluster.md, docs/benchmarks.md).

Each runs the same load twice in one round: against one node (the embedded default, SQLite
and no Redis) and against two nodes of a cluster on a real redis-server and PostgreSQL 15
(tests/cluster/services.py, fsync off as in the tests). The cluster's nodes, Redis and
PostgreSQL are all pinned to the server core, the one core the single node has: the ratio is
what the broker hop and the shared store cost, not what a second core buys. Every message
crosses nodes: channel listeners are on node B while the publishers emit on node A; chat
members talk to a partner on the other node.

- cluster-fanout: 500 listeners of one channel, 4 HTTP publishers, closed loop (throughput);
  then 50 listeners at 200 emits/s = 10,000 deliveries/s (latency).
- cluster-chat: 50 pairs of members, 4 messages in flight each (stored and delivered per
  second); then 10,000 messages/s (latency), on the same members and server. Chat also runs
  on one cluster node alone (PostgreSQL and Redis, partners on that node): two nodes against
  it is the broker hop alone, shown beside the target's ratio (which is against one node on
  SQLite, the embedded default).

Redis commands per delivered message: Redis' total_commands_processed over the run, divided
by the messages the nodes sent to their clients over the same span (their /metrics).
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "cluster"))
import services  # noqa: E402  (tests/cluster/services.py)

SCENARIOS = ["cluster-fanout", "cluster-chat"]
ONE, TWO = "1 node", "2 nodes"
ONE_PG = "1 node on PostgreSQL"


def pin(ctx, pid):
    """Every thread of `pid` (and what it forks from now on) to the server core."""
    if ctx.server_cpu:
        subprocess.run(["taskset", "-a", "-p", "-c", "0", str(pid)], check=True, stdout=subprocess.DEVNULL)


class Cluster:
    """redis-server and PostgreSQL in a scratch directory, pinned to the server core."""

    def __init__(self, ctx):
        self.tmp = tempfile.TemporaryDirectory(prefix="sb-bench-cluster-")
        os.chmod(self.tmp.name, 0o755)  # PostgreSQL runs as its own user when we are root
        self.services = services.Services(os.path.join(self.tmp.name, "svc")).start()
        pin(ctx, int(open(os.path.join(self.services.redis_dir, "redis.pid")).read().strip()))
        pin(ctx, int(open(os.path.join(self.services.pg_dir, "data", "postmaster.pid")).readline().strip()))
        self.database = self.services.new_database()

    def join(self, node):
        return {"node": node, "redis": self.services.redis_url, "database": self.database}

    def redis_commands(self):
        with socket.create_connection(("127.0.0.1", self.services.redis_port), timeout=5) as s:
            s.sendall(b"*2\r\n$4\r\nINFO\r\n$5\r\nstats\r\n")
            data = b""
            while b"total_commands_processed" not in data or not data.endswith(b"\r\n"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        return int(re.search(rb"total_commands_processed:(\d+)", data).group(1))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.services.stop()
        self.tmp.cleanup()


def messages_out(node, service):
    """What `node` sent to its clients of `service` so far (its /metrics)."""
    with urllib.request.urlopen(node.http(service, "/metrics"), timeout=10) as r:
        text = r.read().decode()
    m = re.search(r'^switchboard_messages_total\{service="%s",direction="out"\} (\S+)$' % service, text, re.M)
    return int(float(m.group(1))) if m else 0


def counted(ctx, cluster, nodes, service, run):
    """Runs `run()` (a loadgen) and adds Redis commands per message delivered to its result."""
    before = (cluster.redis_commands(), sum(messages_out(n, service) for n in nodes))
    result = run()
    after = (cluster.redis_commands(), sum(messages_out(n, service) for n in nodes))
    delivered = after[1] - before[1]
    result["redis_commands"] = after[0] - before[0]
    result["server_deliveries"] = delivered
    result["redis_per_delivery"] = result["redis_commands"] / delivered if delivered else None
    return result


def fanout(ctx, Switchboard):
    listeners, publishers = ctx.scale(500, 10), 4
    slow_listeners, emits = ctx.scale(50, 5), ctx.scale(200, 20)  # 10,000 deliveries/s

    def load(label, target, listen, emit, count, *extra):
        return ctx.loadgen(label, target, listen.ws("channels", "/bench/listen"), "--connections", count,
                           "--busy", publishers, "--app-pong", "--ready-after", 1,
                           "--emit-url", emit.http("channels", "/bench/emit"), *extra)

    with Switchboard(ctx) as sb:
        load("cluster-fanout", ONE, sb, sb, listeners)
        load("cluster-fanout-10k", ONE, sb, sb, slow_listeners, "--rate", emits)
    with Cluster(ctx) as cluster:
        with Switchboard(ctx, cluster=cluster.join("a")) as a, \
                Switchboard(ctx, cluster=cluster.join("b"), setup=False) as b:
            pin(ctx, a.pid)
            pin(ctx, b.pid)
            counted(ctx, cluster, (a, b), "channels", lambda: load("cluster-fanout", TWO, b, a, listeners))
            counted(ctx, cluster, (a, b), "channels",
                    lambda: load("cluster-fanout-10k", TWO, b, a, slow_listeners, "--rate", emits))


def chat(ctx, Switchboard, write_vars):
    pairs, rate = ctx.scale(50, 3), ctx.scale(10000, 200)

    def loads(nodes, target):
        """Both loads on the same members (registered once: each login is a password hash)."""
        users = nodes[0].members(2 * pairs)
        # Connection i goes to node i % len(nodes); its partner (i ^ 1) to the other one.
        path = write_vars([[token, users[i ^ 1][0]] for i, (_, token) in enumerate(users)])
        urls = [n.ws("chat", "/members/chat/?other_member_id={1}") for n in nodes]
        common = ["--connections", 2 * pairs, "--vars", path, "--init", "Bearer {0}", "--ready-after", 1,
                  "--message", '{"type":"text","text":"{payload}"}']
        try:
            for label, extra in (("cluster-chat", ["--inflight", 4]), ("cluster-chat-10k", ["--rate", rate])):
                yield lambda label=label, extra=extra: ctx.loadgen(label, target, urls, *common, *extra)
        finally:
            os.unlink(path)

    with Switchboard(ctx) as sb:
        for run in loads([sb], ONE):
            run()
    with Cluster(ctx) as cluster:
        with Switchboard(ctx, cluster=cluster.join("a")) as a:
            pin(ctx, a.pid)
            for run in loads([a], ONE_PG):
                run()
    with Cluster(ctx) as cluster:
        with Switchboard(ctx, cluster=cluster.join("a")) as a, \
                Switchboard(ctx, cluster=cluster.join("b"), setup=False) as b:
            pin(ctx, a.pid)
            pin(ctx, b.pid)
            for run in loads([a, b], TWO):
                counted(ctx, cluster, (a, b), "chat", run)


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else None


def report_lines(find, fmt, runs):
    """The report's cluster section (empty when no cluster scenario ran). `find(label,
    target)`: the median measurement by throughput; `runs(label, target)`: every round's.
    Latencies are the median of the rounds' p50 and p99."""
    rows = [(label, find(label, ONE), find(label, TWO)) for label in
            ("cluster-fanout", "cluster-fanout-10k", "cluster-chat", "cluster-chat-10k")]
    if not any(two for _, _, two in rows):
        return [], []
    lines = ["", "## Cluster (issue 19)", "",
             "Two nodes, redis-server and PostgreSQL 15 all pinned to the server core, against one node "
             "(SQLite, no Redis) on that core; every message crosses nodes (channel listeners on B, "
             "publishers on A; chat partners on different nodes). Chat also runs on one cluster node alone "
             "(PostgreSQL and Redis on that core too): two nodes against it is the cost of the broker hop "
             "alone; the targets' ratio is against one node on SQLite. See `tests/bench/cluster_bench.py`.", "",
             "| scenario | 1 node /s | 2 nodes /s | ratio | delivery p50 µs (1 → 2) | delivery p99 µs (1 → 2) "
             "| Redis commands per delivered message |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    targets = []

    def speed(r):
        return r["deliveries_per_second"] if r["deliveries"] else r["per_second"]

    def latency(label, target):
        """The median of the rounds' delivery p50 and p99 (µs)."""
        return tuple(median(r[k] for r in runs(label, target)) for k in ("delivery_p50_us", "delivery_p99_us"))

    for label, one, two in rows:
        if not one or not two:
            continue
        ratio = speed(two) / speed(one) if speed(one) else None
        per = two.get("redis_per_delivery")
        (one50, one99), (two50, two99) = latency(label, ONE), latency(label, TWO)
        lines.append(f"| {label} | {fmt(speed(one))} | {fmt(speed(two))} | {fmt(ratio, 2)}× | "
                     f"{one50:,} → {two50:,} | {one99:,} → {two99:,} | {fmt(per, 4) if per is not None else '–'} |")
        one_pg = find(label, ONE_PG)
        if one_pg and speed(one_pg):
            pg50, pg99 = latency(label, ONE_PG)
            lines.append(f"| {label}, against 1 node on PostgreSQL (the broker hop alone) | {fmt(speed(one_pg))} | "
                         f"{fmt(speed(two))} | {fmt(speed(two) / speed(one_pg), 2)}× | {pg50:,} → {two50:,} | "
                         f"{pg99:,} → {two99:,} | – |")
        if not label.endswith("-10k"):
            targets.append((f"{label}: two nodes keep ≥ 0.6× one node's throughput", f"{fmt(ratio, 2)}×",
                            ratio is not None and ratio >= 0.6))
        else:
            rate = two["deliveries_per_second"]
            targets.append((f"{label}: cross-node delivery p99 ≤ 5 ms at 10,000 messages/s (median of rounds)",
                            f"{two99 / 1000:.1f} ms at {fmt(rate)}/s", two99 <= 5000 and rate >= 9500))
    return lines, targets

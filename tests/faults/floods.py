"""Fault test (SPEC §8, issue 21): clients that never read cannot take the server's memory.

Three floods at once against one worker, each by a client that never reads what it asked for:
- an echo flood (messages sent to /echo as fast as the server takes them),
- a ping flood (pings whose pongs are never read),
- twenty channel listeners that never read, while 1 MB events are emitted to them.
Meanwhile a well-behaved client on the same worker echoes small messages. Checked: the
server's resident memory stays within 64 MiB of its baseline, the good client's p99 round
trip stays under 10 ms, the slow consumers are closed and counted in /metrics, and the
memory comes back once they are gone."""
import json
import os
import socket
import statistics
import threading
import time
import urllib.request

from faultcheck import check, finish

from sbd import Daemon  # noqa: E402
from rawws import Reader, close_code, frame, handshake, metric, rss_kib  # noqa: E402

FLOOD_SECONDS = 8
RSS_BOUND_KIB = 64 * 1024




def hostport(url):
    hp = url.split("://", 1)[1]
    host, port = hp.rsplit(":", 1)
    return host, int(port)


def echo_flood(host, port, stop):
    s, _ = handshake(host, port, "/echo")
    s.settimeout(0.5)
    msg = frame(2, b"x" * 16384)
    sent = 0
    while not stop.is_set():
        try:
            s.sendall(msg)
            sent += len(msg)
        except socket.timeout:
            continue  # the server stopped reading from us: back-pressure
        except OSError:
            break
    s.close()
    return sent


def ping_flood(host, port, stop, result):
    s, _ = handshake(host, port, "/echo")
    s.settimeout(0.5)
    ping = frame(9, b"p" * 125)
    batch = ping * 64
    sent = 0
    while not stop.is_set():
        try:
            s.sendall(batch)
            sent += 64
        except socket.timeout:
            continue
        except OSError:
            break
    result["pings"] = sent
    s.close()


def good_client(host, port, stop, rtts):
    s, rest = handshake(host, port, "/echo")
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    r = Reader(s, rest)
    msg = frame(1, b"hello, are you still there")
    while not stop.is_set():
        t0 = time.perf_counter()
        s.sendall(msg)
        got = r.read(timeout=5)
        if got is None:
            rtts.append(5.0)
            break
        rtts.append(time.perf_counter() - t0)
        time.sleep(0.002)
    s.close()


def main():
    with Daemon("--workers", "1") as d:
        d.start()
        pid = d.proc.pid
        ghost, gport = hostport(d.urls["generic"])
        chost, cport = hostport(d.urls["channels"])
        http = d.urls["generic"]
        time.sleep(0.5)
        # Warm up: a few connections and requests, so the baseline includes what any server
        # allocates once.
        for _ in range(3):
            urllib.request.urlopen(http + "/healthz", timeout=5).read()
        baseline = rss_kib(pid)
        print("baseline RSS %d KiB" % baseline)

        listeners = []
        for _ in range(20):
            s, rest = handshake(chost, cport, "/flood/listen", rcvbuf=4096)  # and never read
            listeners.append(s)

        stop = threading.Event()
        rtts = []
        ping_result = {}
        # FLOODS=echo,ping,emit chooses the floods (all three by default), to look at one alone.
        which = os.environ.get("FLOODS", "echo,ping,emit").split(",")
        threads = [threading.Thread(target=good_client, args=(ghost, gport, stop, rtts))]
        if "echo" in which:
            threads.append(threading.Thread(target=echo_flood, args=(ghost, gport, stop)))
        if "ping" in which:
            threads.append(threading.Thread(target=ping_flood, args=(ghost, gport, stop, ping_result)))
        for t in threads:
            t.start()

        peak = [baseline]
        sampling = threading.Event()

        def sample():
            while not sampling.is_set():
                peak[0] = max(peak[0], rss_kib(pid))
                time.sleep(0.05)
        sampler = threading.Thread(target=sample)
        sampler.start()

        big = json.dumps({"blob": "y" * 1_000_000}).encode()
        emits = 0
        started = time.time()
        while time.time() - started < FLOOD_SECONDS and emits < 40 and "emit" in which:
            req = urllib.request.Request(d.urls["channels"] + "/flood/emit", data=big,
                                         headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=10) as r:
                r.read()
            emits += 1
        while time.time() - started < FLOOD_SECONDS:
            time.sleep(0.1)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        flood_peak = peak[0]

        metrics = urllib.request.urlopen(http + "/metrics", timeout=5).read().decode()
        slow_channels = metric(metrics, "switchboard_slow_consumers_total", 'service="channels"')
        for s in listeners:
            s.close()
        # Memory the floods held returns once they are gone.
        time.sleep(3)
        sampling.set()
        sampler.join()
        after = rss_kib(pid)

        print("emits %d, pings sent %d, good-client round trips %d" % (emits, ping_result.get("pings", 0), len(rtts)))
        print("RSS: baseline %d KiB, peak %d KiB (+%d), after %d KiB" % (baseline, flood_peak, flood_peak - baseline, after))
        check(emits == 40, "40 events of 1 MB emitted (got %d)" % emits)
        check(flood_peak - baseline < RSS_BOUND_KIB, "RSS stays within 64 MiB of the baseline (+%d KiB)" % (flood_peak - baseline))
        rtts.sort()
        p99 = rtts[int(len(rtts) * 0.99)] * 1000 if rtts else 1e9
        print("good client: median %.2f ms, p99 %.2f ms" % (statistics.median(rtts) * 1000 if rtts else 0, p99))
        check(len(rtts) > 200, "the good client kept being answered (%d round trips)" % len(rtts))
        check(p99 < 10, "the good client's p99 round trip is under 10 ms (%.2f ms)" % p99)
        check(slow_channels >= 20, "the 20 channel listeners were closed as slow consumers (%d)" % slow_channels)
        check(after - baseline < 16 * 1024, "memory returns after the floods (+%d KiB)" % (after - baseline))
        health = urllib.request.urlopen(http + "/healthz", timeout=5)
        check(health.status == 200, "/healthz still answers")

        # A listener that never reads is closed with 1008 (its close frame waits behind what
        # it did not read; reading now shows it).
        s, rest = handshake(chost, cport, "/late/listen", rcvbuf=4096)
        for _ in range(8):
            req = urllib.request.Request(d.urls["channels"] + "/late/emit", data=big, headers={"Content-Type": "application/json"})
            urllib.request.urlopen(req, timeout=10).read()
            time.sleep(0.2)
        r = Reader(s, rest)
        code = None
        while True:
            got = r.read(timeout=10)
            if got is None:
                break
            if got[0] == 8:
                code = close_code(got[1])
                break
        check(code == 1008, "a slow listener gets close 1008 (got %s)" % code)
        s.close()
    finish()


main()

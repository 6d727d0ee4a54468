"""Fault test (SPEC §8, issue 21): switchboardd under a small file-descriptor limit.

With `ulimit -n 128` the server keeps its connections below the limit (with a reserve), so
connection number N+1 gets a clear 503 at once instead of hanging, no core spins while the
clients sit idle, /healthz still answers, and once connections close new ones are taken."""
import os
import resource
import subprocess
import time
import urllib.error
import urllib.request

from faultcheck import check, finish

from sbd import Daemon  # noqa: E402
from rawws import Reader, frame, handshake  # noqa: E402

LIMIT = 128



def small_limit():
    resource.setrlimit(resource.RLIMIT_NOFILE, (LIMIT, LIMIT))


def cpu_seconds(pid):
    fields = open("/proc/%d/stat" % pid).read().split(")")[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    real_popen = subprocess.Popen

    def limited_popen(*args, **kwargs):
        kwargs["preexec_fn"] = small_limit
        return real_popen(*args, **kwargs)

    with Daemon("--workers", "2") as d:
        subprocess.Popen = limited_popen
        try:
            d.start()
        finally:
            subprocess.Popen = real_popen
        pid = d.proc.pid
        host, port = d.urls["generic"].split("://")[1].rsplit(":", 1)
        port = int(port)
        opened, refused, other = [], 0, []
        started = time.time()
        for _ in range(LIMIT):
            try:
                opened.append(handshake(host, port, "/echo", timeout=5)[0])
            except RuntimeError as e:
                if "HTTP/1.1 503" in str(e):
                    refused += 1
                else:
                    other.append(str(e)[:80])
            except OSError as e:
                other.append(str(e)[:80])
        took = time.time() - started
        print("opened %d, refused with 503 %d, other %s, in %.1f s" % (len(opened), refused, other[:3], took))
        check(len(opened) >= 16, "connections are served up to the budget (%d)" % len(opened))
        check(refused > 0 and not other, "past the budget: 503, nothing hangs or resets")
        check(took < 10, "refusals are immediate (%.1f s for %d connections)" % (took, LIMIT))
        before = cpu_seconds(pid)
        time.sleep(2)
        idle = cpu_seconds(pid) - before
        check(idle < 0.3, "no core spins while full and idle (%.2f s of CPU in 2 s)" % idle)
        try:
            urllib.request.urlopen(d.urls["generic"] + "/healthz", timeout=3)
            health = 200
        except urllib.error.HTTPError as e:
            health = e.code
        except OSError:
            health = None
        check(health in (200, 503), "/healthz answers while full (%s)" % health)
        # Still echoing for those admitted.
        s = opened[0]
        s.sendall(frame(1, b"still here"))
        got = Reader(s).read(timeout=5)
        check(got is not None and got[1] == b"still here", "admitted connections keep working")
        for s in opened[: len(opened) // 2]:
            s.close()
        time.sleep(0.5)
        try:
            again, _ = handshake(host, port, "/echo", timeout=5)
            again.close()
            check(True, "after connections close, new ones are taken")
        except (RuntimeError, OSError) as e:
            check(False, "after connections close, new ones are taken (%s)" % e)
        for s in opened[len(opened) // 2:]:
            s.close()
    finish()


main()

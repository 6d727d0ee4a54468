"""What every fault test shares: the e2e helpers on the path (sbd.Daemon), and checks that
are printed as they pass or fail and decide the exit code at the end."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "e2e"))

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)
    return cond


def finish():
    """Exits 1 when a check failed."""
    if failures:
        print("%d check(s) failed" % len(failures))
        sys.exit(1)

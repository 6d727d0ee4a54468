"""Fault test (SPEC §8, issue 21): full and read-only data directories.

Runs in a private mount namespace (`unshare -rm`) so that it can give the daemon a small
tmpfs of its own, fill it and make it read-only, without touching the machine.
- Start on a full disk: the daemon exits non-zero and says "the disk is full".
- Start on a read-only file system: it says "read-only file system".
- Start where it may not write (as another user, when run as root): "permission denied".
- The disk fills while it runs: a chat message gets STORAGE_ERROR (never an acknowledgement),
  the socket and the server stay up, and once there is room again messages are stored.
Exits 77 (skipped) when mount namespaces are not available here."""
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request

from faultcheck import check, failures, finish


SKIP = 77



def permission_denied():
    """As another user (nobody), in a directory it may not write: 'permission denied'."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        print("skip: the permission check needs root (to run the daemon as nobody)")
        return
    locked = tempfile.mkdtemp(prefix="sb-locked-")
    os.chmod(locked, 0o755)
    p = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", os.environ["SWITCHBOARDD"],
                        "--data-dir", os.path.join(locked, "data"), "--listen-address", "127.0.0.1", "--port", "generic=0"],
                       capture_output=True, text=True, timeout=60)
    out = (p.stdout + p.stderr).strip()
    check(p.returncode != 0 and "permission denied" in out, "start without write permission: 'permission denied' (%s)" % out[-160:])
    shutil.rmtree(locked, ignore_errors=True)


if os.environ.get("SB_STORAGE_NS") != "1":
    permission_denied()
    if not shutil.which("unshare"):
        print("SKIP: no unshare here")
        sys.exit(1 if failures else SKIP)
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        print("SKIP: mount namespaces are not available here: " + probe.stderr.decode().strip())
        sys.exit(1 if failures else SKIP)
    env = dict(os.environ, SB_STORAGE_NS="1")
    inner = subprocess.run(["unshare", "-rm", sys.executable, __file__], env=env).returncode
    sys.exit(1 if failures else inner)

import websockets  # noqa: E402
from sbd import Daemon  # noqa: E402

binary = os.environ["SWITCHBOARDD"]


def tmpfs(size):
    path = tempfile.mkdtemp(prefix="sb-fs-")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % size, "none", path], check=True)
    return path


def fill(path):
    """Writes until the file system is full; returns the filler's path."""
    filler = os.path.join(path, "filler")
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
        try:
            os.fsync(f.fileno())
        except OSError:
            pass
    return filler


def start_fails(data_dir):
    p = subprocess.run([binary, "--data-dir", data_dir, "--listen-address", "127.0.0.1", "--port", "generic=0",
                        "--port", "chat=0", "--port", "channels=0", "--port", "felix=0", "--port", "pop=0"],
                       capture_output=True, text=True, timeout=60)
    return p.returncode, (p.stdout + p.stderr).strip()


async def full_while_running():
    fs = tmpfs("24m")
    data = os.path.join(fs, "data")
    with Daemon(data_dir=data) as d:
        for who, role in (("a@full.test", "premium"), ("b@full.test", "member")):
            d.admin("user", "create", "--email", who, "--password", "pw", "--role", role)
        d.start()
        base = d.url("chat", "http")

        def post(path, body, token=None):
            headers = {"Authorization": "Bearer " + token} if token else {}
            req = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None, headers=headers)
            with urllib.request.urlopen(req, timeout=30) as r:
                return json.loads(r.read())
        token = post("/auth/login", {"email": "a@full.test", "password": "pw"})["access_token"]
        other_token = post("/auth/login", {"email": "b@full.test", "password": "pw"})["access_token"]
        req = urllib.request.Request(base + "/me", headers={"Authorization": "Bearer " + other_token})
        other = json.loads(urllib.request.urlopen(req, timeout=10).read())["id"]
        async with websockets.connect(d.url("chat") + "/members/chat/?other_member_id=%d" % other, max_size=None) as ws:
            await ws.send("Bearer " + token)
            await ws.recv()

            async def say(text):
                await ws.send(text)
                m = json.loads(await asyncio.wait_for(ws.recv(), 15))
                return m
            m = await say("before the disk fills")
            check(m.get("text") == "before the disk fills", "a message is stored while there is room")
            filler = fill(fs)
            # SQLite may still find room in pages it has; keep writing until the disk says no.
            refused = None
            for i in range(200):
                m = await say("while full %d " % i + "x" * 2000)
                if m.get("type") == "error":
                    refused = m
                    break
            check(refused is not None and refused.get("code") == "STORAGE_ERROR",
                  "on a full disk a message gets STORAGE_ERROR, not an acknowledgement (%s)" % refused)
            info = json.dumps({"name": "f.bin", "size": 100000, "type": "", "text": "file"})
            await ws.send(b"!" + info.encode() + b"#" + b"z" * 100000)
            m = json.loads(await asyncio.wait_for(ws.recv(), 15))
            check(m.get("code") == "STORAGE_ERROR", "a file on a full disk: STORAGE_ERROR (%s)" % m.get("code"))
            with urllib.request.urlopen(base + "/healthz", timeout=10) as r:
                check(r.status == 200, "the server keeps answering while the disk is full")
            os.remove(filler)
            m = await say("after room was made")
            check(m.get("text") == "after room was made", "once there is room again, messages are stored (%s)" % m)
        code, _ = d.stop()
        check(code == 0, "the daemon stops cleanly")
    subprocess.run(["umount", fs])


def main():
    # Start on a full disk.
    fs = tmpfs("4m")
    fill(fs)
    rc, out = start_fails(os.path.join(fs, "data"))
    check(rc != 0 and "disk is full" in out, "start on a full disk: refused, 'the disk is full' (%d: %s)" % (rc, out[-160:]))
    subprocess.run(["umount", fs])

    # Start on a read-only file system (with a database made before).
    fs = tmpfs("16m")
    data = os.path.join(fs, "data")
    with Daemon(data_dir=data) as d:
        d.admin("user", "create", "--email", "ro@full.test", "--password", "pw")
    subprocess.run(["mount", "-o", "remount,ro", fs], check=True)
    rc, out = start_fails(data)
    check(rc != 0 and "read-only file system" in out, "start read-only: refused, 'read-only file system' (%d: %s)" % (rc, out[-160:]))
    subprocess.run(["umount", fs])

    asyncio.run(full_while_running())
    finish()


main()

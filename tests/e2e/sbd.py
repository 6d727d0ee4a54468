"""Starts switchboardd on free loopback ports with a temporary data directory.
With SBD_STDERR=PREFIX set, each daemon's log goes to the file PREFIX.<id> (to debug a test)."""
import os
import re
import subprocess
import tempfile
import time


class Daemon:
    def __init__(self, *args, data_dir=None):
        self.binary = os.environ["SWITCHBOARDD"]
        self.tmp = None
        if data_dir is None:
            self.tmp = tempfile.TemporaryDirectory()
            data_dir = self.tmp.name
        self.data_dir = data_dir
        self.args = list(args)
        self.proc = None
        self.urls = {}

    def admin(self, *args):
        """Runs an administration command; returns (exit code, stdout, stderr)."""
        p = subprocess.run([self.binary, "--data-dir", self.data_dir, *args],
                           capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout, p.stderr

    def start(self, *ports):
        ports = ports or ("chat=0", "generic=0", "channels=0", "felix=0", "pop=0")
        port_args = []
        for p in ports:
            port_args += ["--port", p]
        self.proc = subprocess.Popen(
            [self.binary, "--data-dir", self.data_dir, "--listen-address", "127.0.0.1", "--admin-port", "0", *port_args, *self.args],
            stdout=subprocess.PIPE, stderr=open(os.environ["SBD_STDERR"] + "." + str(id(self)), "w") if os.environ.get("SBD_STDERR") else subprocess.PIPE, text=True)
        deadline = time.time() + 30
        wanted = {p.split("=")[0] for p in ports}
        while not wanted.issubset(self.urls):
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("switchboardd exited: " + self.proc.stderr.read())
            m = re.match(r"listening (\S+) (\S+)", line)
            if m:
                for service in m.group(1).split(","):
                    self.urls[service] = m.group(2)
            if time.time() > deadline:
                raise RuntimeError("switchboardd did not start listening")
        return self

    def url(self, service, scheme="ws"):
        base = self.urls[service]
        return re.sub(r"^https?", scheme, base)

    def stop(self, sig=15):
        """Sends a signal and returns (exit code, remaining stdout)."""
        self.proc.send_signal(sig)
        out, _ = self.proc.communicate(timeout=30)
        return self.proc.returncode, out

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.tmp:
            self.tmp.cleanup()

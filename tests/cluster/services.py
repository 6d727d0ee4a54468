#!/usr/bin/python3
"""Real Redis and PostgreSQL 15 for the cluster tests, in a scratch directory on free ports.

As a library: `with Services(scratch) as s:` gives s.redis_url, s.postgres_admin (a superuser
URL) and s.new_database() (a fresh database, its URL for switchboardd's --database), plus
restart_redis() / restart_postgres() / stop_postgres() for the fault tests.

As a command (ctest fixtures): `services.py start DIR` starts both, writes DIR/env
(REDIS=..., POSTGRES=...) and returns; `services.py stop DIR` stops them.

PostgreSQL refuses to run as root: as root, initdb and the server run as the `postgres`
user (runuser); otherwise as whoever runs the tests. Debian's packages: redis-server,
postgresql-15 (scripts/setup.sh installs them).
"""
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid

PG_BIN = "/usr/lib/postgresql/15/bin"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=15.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def as_pg_user(cmd):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + cmd
    return cmd


class Services:
    def __init__(self, scratch, redis_port=None, pg_port=None):
        self.scratch = os.path.abspath(scratch)
        self.redis_port = redis_port or free_port()
        self.pg_port = pg_port or free_port()
        self.pg_dir = os.path.join(self.scratch, "pg")
        self.redis_dir = os.path.join(self.scratch, "redis")
        self.redis = None

    # ---- Redis -------------------------------------------------------------------------
    def start_redis(self):
        os.makedirs(self.redis_dir, exist_ok=True)
        subprocess.run(["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--daemonize", "yes",
                        "--dir", self.redis_dir, "--pidfile", os.path.join(self.redis_dir, "redis.pid"),
                        "--logfile", os.path.join(self.redis_dir, "redis.log")], check=True)
        if not wait_port(self.redis_port):
            raise RuntimeError("redis-server did not start on port %d" % self.redis_port)

    def stop_redis(self):
        pidfile = os.path.join(self.redis_dir, "redis.pid")
        try:
            pid = int(open(pidfile).read().strip())
        except (OSError, ValueError):
            return
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        deadline = time.time() + 5
        while time.time() < deadline and os.path.exists("/proc/%d" % pid):
            time.sleep(0.05)
        try:
            os.unlink(pidfile)
        except OSError:
            pass

    def restart_redis(self, down_seconds=0.0):
        self.stop_redis()
        time.sleep(down_seconds)
        self.start_redis()

    @property
    def redis_url(self):
        return "redis://127.0.0.1:%d/0" % self.redis_port

    # ---- PostgreSQL --------------------------------------------------------------------
    def start_postgres(self):
        data = os.path.join(self.pg_dir, "data")
        if not os.path.exists(data):
            os.makedirs(self.pg_dir, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.pg_dir, "postgres")
            subprocess.run(as_pg_user([PG_BIN + "/initdb", "-D", data, "-A", "trust", "-U", "postgres",
                                       "--no-sync", "-E", "UTF8"]), check=True, stdout=subprocess.DEVNULL)
        subprocess.run(as_pg_user([PG_BIN + "/pg_ctl", "-D", data, "-w", "-l", os.path.join(self.pg_dir, "log"),
                                   "-o", "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off "
                                         "-c max_connections=300" % (self.pg_port, self.pg_dir),
                                   "start"]), check=True, stdout=subprocess.DEVNULL)
        if not wait_port(self.pg_port):
            raise RuntimeError("PostgreSQL did not start on port %d" % self.pg_port)

    def stop_postgres(self, mode="fast"):
        data = os.path.join(self.pg_dir, "data")
        if os.path.exists(os.path.join(data, "postmaster.pid")):
            subprocess.run(as_pg_user([PG_BIN + "/pg_ctl", "-D", data, "-m", mode, "-w", "stop"]),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def restart_postgres(self, down_seconds=0.0):
        self.stop_postgres()
        time.sleep(down_seconds)
        self.start_postgres()

    @property
    def postgres_admin(self):
        return "postgresql://postgres@127.0.0.1:%d/postgres" % self.pg_port

    def psql(self, sql, database="postgres"):
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-d", database,
                              "-v", "ON_ERROR_STOP=1", "-Atq", "-c", sql],
                             check=True, capture_output=True, text=True)
        return out.stdout.strip()

    def new_database(self, name=None):
        """A fresh database owned by a fresh role with a password; its URL."""
        name = name or "sb_" + uuid.uuid4().hex[:10]
        self.psql("CREATE ROLE %s LOGIN PASSWORD 'pw_%s'" % (name, name))
        self.psql("CREATE DATABASE %s OWNER %s" % (name, name))
        return "postgresql://%s:pw_%s@127.0.0.1:%d/%s" % (name, name, self.pg_port, name)

    # ---- both --------------------------------------------------------------------------
    def start(self):
        os.makedirs(self.scratch, exist_ok=True)
        os.chmod(self.scratch, 0o755)
        self.start_redis()
        self.start_postgres()
        return self

    def stop(self):
        self.stop_redis()
        self.stop_postgres("immediate")

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        print("usage: services.py start|stop DIR", file=sys.stderr)
        return 2
    scratch = os.path.abspath(sys.argv[2])
    env = os.path.join(scratch, "env")
    if sys.argv[1] == "start":
        if os.path.exists(scratch):  # what an interrupted run left
            try:
                old = dict(line.strip().split("=", 1) for line in open(env))
                Services(scratch, int(old["REDIS_PORT"]), int(old["PG_PORT"])).stop()
            except (OSError, KeyError, ValueError):
                pass
            shutil.rmtree(scratch, ignore_errors=True)
        s = Services(scratch).start()
        with open(env, "w") as f:
            f.write("REDIS=%s\nPOSTGRES=%s\nREDIS_PORT=%d\nPG_PORT=%d\n"
                    % (s.redis_url, s.postgres_admin, s.redis_port, s.pg_port))
        print("redis %s, postgres %s" % (s.redis_url, s.postgres_admin))
        return 0
    try:
        old = dict(line.strip().split("=", 1) for line in open(env))
        Services(scratch, int(old["REDIS_PORT"]), int(old["PG_PORT"])).stop()
    except (OSError, KeyError, ValueError) as e:
        print("nothing to stop: %s" % e)
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

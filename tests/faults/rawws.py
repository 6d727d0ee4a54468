"""Raw WebSocket client over a plain socket, for fault tests: clients that misbehave on
purpose (never read, flood, stall), which well-behaved libraries cannot be made to do."""
import os
import socket
import struct
import time


def handshake(host, port, path, headers=b"", timeout=5, rcvbuf=None):
    """Connects and upgrades; returns (socket, bytes received after the 101). `rcvbuf` shrinks
    the socket's receive buffer before connecting (a client whose kernel takes little)."""
    s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(timeout)
    s.connect((host, port))
    s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: " + f"{host}:{port}".encode() +
              b"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + headers + b"\r\n")
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = s.recv(4096)
        if not chunk:
            raise RuntimeError("connection closed during the handshake: %r" % buf)
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    if not head.startswith(b"HTTP/1.1 101"):
        raise RuntimeError("handshake refused: %r" % head[:200])
    return s, rest


def frame(opcode, payload, fin=True):
    """A masked client frame."""
    mask = os.urandom(4)
    n = len(payload)
    if n < 126:
        head = bytes([(0x80 if fin else 0) | opcode, 0x80 | n])
    elif n < 65536:
        head = bytes([(0x80 if fin else 0) | opcode, 0x80 | 126]) + struct.pack(">H", n)
    else:
        head = bytes([(0x80 if fin else 0) | opcode, 0x80 | 127]) + struct.pack(">Q", n)
    # XOR with the repeated key, fast enough for megabytes.
    key = (mask * (n // 4 + 1))[:n]
    body = (int.from_bytes(payload, "little") ^ int.from_bytes(key, "little")).to_bytes(n, "little") if n else b""
    return head + mask + body


class Reader:
    """Reads server frames (unmasked) from a socket."""

    def __init__(self, sock, initial=b""):
        self.sock = sock
        self.buf = initial

    def read(self, timeout=5):
        """(opcode, payload) or None on timeout / end of stream."""
        deadline = time.time() + timeout
        while True:
            if len(self.buf) >= 2:
                n = self.buf[1] & 0x7F
                pos = 2
                if n == 126 and len(self.buf) >= 4:
                    n = struct.unpack(">H", self.buf[2:4])[0]
                    pos = 4
                elif n == 127 and len(self.buf) >= 10:
                    n = struct.unpack(">Q", self.buf[2:10])[0]
                    pos = 10
                elif n >= 126:
                    pos = -1
                if pos > 0 and len(self.buf) >= pos + n:
                    op = self.buf[0] & 0x0F
                    payload = self.buf[pos:pos + n]
                    self.buf = self.buf[pos + n:]
                    return op, payload
            left = deadline - time.time()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except (socket.timeout, ConnectionError, OSError):
                return None
            if not chunk:
                return None
            self.buf += chunk


def close_code(payload):
    return struct.unpack(">H", payload[:2])[0] if len(payload) >= 2 else 1005


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def metric(text, name, labels):
    """The value of one Prometheus sample, 0 when absent."""
    for line in text.splitlines():
        if line.startswith(name + "{" + labels + "}"):
            return float(line.rsplit(" ", 1)[1])
    return 0.0

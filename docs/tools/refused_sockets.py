#!/usr/bin/env python3
"""Stress a running Pulse with sockets it refuses as they open (docs/known-issues.md, close settle).

Each client opens ws://127.0.0.1:PORT/ws/tick/?client_id=not%20valid (refused in @OnOpen: 1008),
sends one masked text frame the instant the 101 arrives, reads until the server's close frame,
then waits for the server to end the TCP connection (as browsers and the test clients do).

Usage: refused_sockets.py PORT SOCKETS [CLIENTS]   (default 4 clients at once)
Prints a count per outcome: close1008 (expected), eof (connection ended without a close frame),
timeout (no answer in 10 s), nohandshake, status:<line> (not 101), exc:<type>.
Run it against freshly started instances (a cold JVM widens the race) and count the container's
NullPointerException traces in the server log afterwards.
"""
import base64
import os
import socket
import struct
import sys
import threading
import time


def masked(opcode, payload):
    mask = os.urandom(4)
    head = bytes([0x80 | opcode])
    n = len(payload)
    head += bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack('>H', n)
    return head + mask + bytes(b ^ mask[i & 3] for i, b in enumerate(payload))


def recv_exact(sock, buf, n):
    while len(buf) < n:
        data = sock.recv(4096)
        if not data:
            return None
        buf += data
    return buf


def one(port):
    sock = socket.create_connection(('127.0.0.1', port))
    sock.settimeout(10)
    try:
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall(('GET /ws/tick/?client_id=not%20valid HTTP/1.1\r\nHost: 127.0.0.1:' + str(port) +
                      '\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ' + key +
                      '\r\nSec-WebSocket-Version: 13\r\n\r\n').encode())
        buf = b''
        while b'\r\n\r\n' not in buf:
            data = sock.recv(4096)
            if not data:
                return 'nohandshake'
            buf += data
        head, buf = buf.split(b'\r\n\r\n', 1)
        status = head.split(b'\r\n')[0]
        if b' 101 ' not in status:
            return 'status:' + status.decode('latin1')
        sock.sendall(masked(1, b'{"event":"subscribe_ticks","symbol":"AAPL"}'))
        while True:
            buf = recv_exact(sock, buf, 2)
            if buf is None:
                return 'eof'
            opcode, n, off = buf[0] & 15, buf[1] & 127, 2
            if n == 126:
                buf = recv_exact(sock, buf, 4)
                if buf is None:
                    return 'eof'
                n, off = struct.unpack('>H', buf[2:4])[0], 4
            buf = recv_exact(sock, buf, off + n)
            if buf is None:
                return 'eof'
            payload, buf = buf[off:off + n], buf[off + n:]
            if opcode == 8:
                code = struct.unpack('>H', payload[:2])[0] if len(payload) >= 2 else 0
                try:
                    while sock.recv(4096):
                        pass
                except OSError:
                    pass
                return 'close%d' % code
    except socket.timeout:
        return 'timeout'
    finally:
        sock.close()


def main():
    port, total = int(sys.argv[1]), int(sys.argv[2])
    clients = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    outcomes, lock = {}, threading.Lock()

    def client(count):
        for _ in range(count):
            try:
                outcome = one(port)
            except Exception as e:  # a refused connection, a reset: counted, not fatal
                outcome = 'exc:' + type(e).__name__
            with lock:
                outcomes[outcome] = outcomes.get(outcome, 0) + 1

    started = time.time()
    threads = [threading.Thread(target=client, args=(total // clients,)) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(outcomes, '%.1f s' % (time.time() - started))


if __name__ == '__main__':
    main()

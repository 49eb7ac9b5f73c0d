"""Loopback helpers shared by the interop tests and their server fixtures."""

import socket
import time

HOST = "127.0.0.1"


def free_ports(n):
    """N distinct free TCP ports on loopback (bound together, then freed)."""
    socks, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind((HOST, 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    return ports


def free_udp_port():
    """A UDP port free on loopback at the moment of asking."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((HOST, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_listening(port, timeout=10.0):
    """Returns once something accepts connections on PORT, or raises."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {HOST}:{port}")

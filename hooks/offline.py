"""Refuse every connection to a host other than this machine, with a message that says why."""
from __future__ import annotations

import socket

_LOCAL = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


class NetworkBlockedError(ConnectionRefusedError):
    """Raised when code tries to reach the network during a build or a test."""


def _host(address) -> str:
    if isinstance(address, tuple) and address:
        return str(address[0])
    return str(address)


def _is_local(host: str) -> bool:
    return host in _LOCAL or host.startswith("127.")


def block_network(where: str) -> None:
    """Patch sockets so that only loopback connections work; ``where`` names the run in the message."""
    if getattr(socket.socket.connect, "_torchsteps", False):
        return
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def refuse(address):
        host = _host(address)
        raise NetworkBlockedError(
            f"{where} tried to connect to {host!r}. The course builds and tests offline: "
            "use the bundled data in torchsteps.datasets (never download=True)."
        )

    def connect(self, address):
        if self.family == socket.AF_UNIX or _is_local(_host(address)):
            return original_connect(self, address)
        refuse(address)

    def connect_ex(self, address):
        if self.family == socket.AF_UNIX or _is_local(_host(address)):
            return original_connect_ex(self, address)
        refuse(address)

    connect._torchsteps = True
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex

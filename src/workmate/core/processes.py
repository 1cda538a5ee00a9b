"""Process hygiene for ``workmate serve``: a busy port is found before anything starts, a
signal during start-up still stops what was started, and helper processes die with their parent.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import multiprocessing
import os
import signal
import socket
import sys
from collections.abc import Iterator

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_DEFERRED = {signal.SIGTERM, signal.SIGINT}


def die_with_parent(sig: signal.Signals = signal.SIGTERM) -> None:
    """In a child process: the kernel sends ``sig`` when the parent dies, also by ``kill -9``
    (Linux ``PR_SET_PDEATHSIG``; elsewhere nothing happens). Does nothing in a process that was
    not started by ``multiprocessing``: a server started from a shell must outlive the shell."""
    parent = multiprocessing.parent_process()
    if parent is None or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
        return
    if os.getppid() != parent.pid:  # the parent died before the call: follow it now
        os.kill(os.getpid(), sig)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGTERM and SIGINT while something starts that must be stopped again (the embedded
    PostgreSQL): a signal arriving meanwhile is delivered right after, when the clean-up for
    it is registered, instead of killing the process in between."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port``, or None if it can (checked by binding
    as the server will, with SO_REUSEADDR)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"the address {host} cannot be resolved ({exc.strerror})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is already in use by another program"
            return f"cannot listen on {host}:{port} ({exc.strerror})"
    return None

"""When the plugin ends: the first of Shutdown, the host's GRPCStdio stream ending, the host process going away."""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any, Callable, Optional

PARENT_POLL_SECONDS = 0.2
SHELLS = {"sh", "dash", "bash", "zsh", "ash", "busybox"}


class Lifecycle:
    """The one way the plugin ends: the first :meth:`stop` (Shutdown, the host gone) wins, wakes :meth:`wait` and
    runs the :meth:`on_stop` callbacks."""

    def __init__(self) -> None:
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []
        self.reason: Optional[str] = None

    def stop(self, reason: str) -> None:
        with self._lock:
            if self.reason is not None:
                return
            self.reason = reason
            callbacks, self._callbacks = self._callbacks, []
        self._stopped.set()
        for callback in callbacks:
            callback()

    def on_stop(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if self.reason is None:
                self._callbacks.append(callback)
                return
        callback()

    def wait(self) -> None:
        while not self._stopped.wait(1.0):  # a timeout keeps the main thread responsive to signals
            pass


def watch_parent(on_gone: Callable[[str], None], interval: float = PARENT_POLL_SECONDS) -> None:
    """Calls ``on_gone`` once the host process has exited, seen as this process (or the shell between host and
    plugin, as in ``sh -c "$KV_PLUGIN"``) being re-parented.

    go-plugin lets a plugin outlive a host that died without killing it; this project's plugins exit."""
    parent = os.getppid()
    grandparent = _parent_of(parent) if _command_of(parent) in SHELLS else None

    def poll() -> None:
        while os.getppid() == parent and (grandparent is None or _parent_of(parent) == grandparent):
            time.sleep(interval)
        on_gone("the host process %d is gone" % (grandparent or parent))

    threading.Thread(target=poll, name="goplugin-parent-watch", daemon=True).start()


def _command_of(pid: int) -> Optional[str]:
    """The command name of process ``pid`` (Linux /proc), or None."""
    try:
        with open("/proc/%d/comm" % pid) as comm:
            return comm.read().strip()
    except OSError:
        return None


def _parent_of(pid: int) -> Optional[int]:
    """The parent pid of process ``pid`` (Linux /proc), or None when it is gone or unknown."""
    try:
        with open("/proc/%d/stat" % pid) as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def ignore_interrupts(log: Any) -> None:
    """Like a Go plugin: Ctrl-C in the host's terminal reaches the plugin too, but the host decides when it ends."""
    signal.signal(signal.SIGINT, lambda signum, frame: log.trace("plugin received interrupt signal, ignoring"))


def stop_on_terminate(stop: Callable[[str], None]) -> None:
    """A SIGTERM ends the plugin the way Shutdown does, so that its socket and directory are removed on the way out
    (a Go plugin dies of it at once and leaves its socket behind; this project's plugins clean up)."""
    signal.signal(signal.SIGTERM, lambda signum, frame: stop("SIGTERM"))

"""plugin.GRPCStdio: what the plugin writes to ``sys.stdout``/``sys.stderr`` after its handshake, streamed to the host.

A Go plugin's ``os.Stdout``/``os.Stderr`` go the same way after ``plugin.Serve`` has printed its handshake line."""

from __future__ import annotations

import io
import queue
import sys
import threading
from typing import Any, Callable, Iterator, Optional

import grpc

from goplugin.stubs import grpc_stdio_pb2, grpc_stdio_pb2_grpc

STDIO_CHUNK = 1024  # go-plugin's grpcStdioBuffer


class StdioCapture:
    """What the plugin writes to ``sys.stdout``/``sys.stderr`` after its handshake, as chunks for GRPCStdio.

    The queue is bounded: a plugin whose host never reads its output eventually blocks, as a Go plugin does."""

    def __init__(self, max_chunks: int = 1024) -> None:
        self._chunks: queue.Queue = queue.Queue(max_chunks)
        self._closed = threading.Event()

    def stream(self, channel: int) -> io.TextIOWrapper:
        """A line-buffered text stream whose writes become chunks of ``channel`` (a ``print`` is one chunk)."""
        return io.TextIOWrapper(_ChannelWriter(self, channel), encoding="utf-8",  # type: ignore[arg-type]
                                errors="backslashreplace", line_buffering=True)

    def put(self, channel: int, data: bytes) -> None:
        for start in range(0, len(data), STDIO_CHUNK):
            chunk = (channel, bytes(data[start:start + STDIO_CHUNK]))
            while not self._closed.is_set():
                try:
                    self._chunks.put(chunk, timeout=0.1)
                    break
                except queue.Full:
                    pass  # the host is not reading (yet): wait, as a Go plugin's write to its stdio pipe does

    def next(self, timeout: float) -> Optional[tuple[int, bytes]]:
        """The next ``(channel, data)``, or None when there was none within ``timeout`` seconds or after close()."""
        try:
            return self._chunks.get(timeout=timeout)
        except queue.Empty:
            return None

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def close(self) -> None:
        self._closed.set()
        try:
            self._chunks.put_nowait(None)  # wakes a waiting next() at once
        except queue.Full:
            pass  # next() is not waiting then


class _ChannelWriter(io.RawIOBase):
    def __init__(self, capture: StdioCapture, channel: int) -> None:
        super().__init__()
        self._capture = capture
        self._channel = channel

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._capture.put(self._channel, data)
        return len(data)


class StdioServicer(grpc_stdio_pb2_grpc.GRPCStdioServicer):
    """plugin.GRPCStdio: streams the captured stdout and stderr to the host, both channels on one stream.

    The host keeps this stream open for as long as it uses the plugin (go-plugin's host and ours both do), so its
    end, when not asked for, means the host is gone."""

    def __init__(self, capture: StdioCapture, on_host_gone: Callable[[str], None]) -> None:
        self._capture = capture
        self._on_host_gone = on_host_gone

    def StreamStdio(self, request: Any, context: grpc.ServicerContext) -> Iterator[grpc_stdio_pb2.StdioData]:
        context.add_callback(lambda: self._on_host_gone("the host's GRPCStdio stream ended"))
        while context.is_active():
            chunk = self._capture.next(0.1)
            if chunk is not None:
                yield grpc_stdio_pb2.StdioData(channel=chunk[0], data=chunk[1])
            elif self._capture.closed:
                return


def redirect_stdio(capture: StdioCapture) -> None:
    """From now on ``sys.stdout`` and ``sys.stderr`` feed GRPCStdio; logs keep the real stderr (hclog.REAL_STDERR)."""
    sys.stdout = capture.stream(grpc_stdio_pb2.StdioData.STDOUT)
    sys.stderr = capture.stream(grpc_stdio_pb2.StdioData.STDERR)

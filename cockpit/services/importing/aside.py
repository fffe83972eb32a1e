"""Reading a large import file in a second process while this one writes what has been read.

Parsing and validating a file and inserting its rows each take about half of an import's time, and
both hold Python's interpreter lock, so they overlap only in two processes. The reader is a fork of
this process (it shares the file's text without copying it) that sends each chunk through a pipe and
leaves with ``os._exit``: it never touches the database, the terminal or any lock another thread may
hold. Only on Linux, where ``fork`` is the platform's own way to start a process.
"""

from __future__ import annotations

import fcntl
import gc
import os
import pickle
import queue
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing import Pipe
from multiprocessing.connection import Connection

from cockpit.services.importing.model import Chunk

MIN_TEXT = 1_000_000  # characters; below this, starting a process costs more than it saves
PIPE_BYTES = 1 << 20  # Linux's default limit for an unprivileged process; about two chunks
QUEUED_CHUNKS = 64  # chunks received and not yet written (about 30 MB); then the reader waits


class ReaderFailed(RuntimeError):
    """The reading process stopped before the end of the file (the caller reads it in-process)."""


@dataclass(frozen=True, slots=True)
class _Failure:
    kind: str


def can_read_aside(size: int) -> bool:
    """Whether :class:`AsideReader` is available and worth it for a text of ``size`` characters (or
    bytes)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and size >= MIN_TEXT


class AsideReader:
    """The chunks ``chunks()`` yields, produced in a forked process (started at once) and received
    here in order; use it as a context manager, which stops the process if it is not finished.

    A thread takes what the process sends off the pipe as it comes (the bytes only: they are
    unpickled when iterated), so the process seldom waits, even while this one is busy elsewhere
    (loading the database library, say); it does wait once :data:`QUEUED_CHUNKS` chunks are
    waiting to be written, so a reader faster than the writer never fills the memory. Iterating
    raises :class:`ReaderFailed` if the reading process failed or died (what came before is then
    incomplete).
    """

    def __init__(self, chunks: Callable[[], Iterator[Chunk]]) -> None:
        """Start the reading process.

        Raises:
            ReaderFailed: it could not be started (no pipe or no process to be had).
        """
        try:
            receiver, sender = Pipe(duplex=False)
        except OSError as exc:
            raise ReaderFailed(f"no pipe for a reading process ({exc.strerror})") from None
        with suppress(OSError, AttributeError):  # a smaller pipe only means more waiting
            fcntl.fcntl(sender.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # "fork() in a multi-threaded process"
                pid = os.fork()
        except OSError as exc:
            receiver.close()
            sender.close()
            raise ReaderFailed(f"no process to read the file ({exc.strerror})") from None
        if pid == 0:
            _reader_process(chunks, sender, receiver)
        sender.close()
        self._pid = pid
        self._receiver = receiver
        self._received: queue.Queue[bytes | None] = queue.Queue(QUEUED_CHUNKS)
        self._done = False
        self._closed = False
        self._thread = threading.Thread(target=self._drain, name="cockpit-import-pipe", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        try:
            while True:
                self._received.put(self._receiver.recv_bytes())
        except (EOFError, OSError):
            self._received.put(None)  # the process closed its end: finished, or died

    def __iter__(self) -> Iterator[Chunk]:
        while not self._done:
            data = self._received.get()
            if data is None:
                raise ReaderFailed("the reading process ended before the end of the file")
            item = pickle.loads(data)
            if item is None:
                self._done = True
                return
            if isinstance(item, _Failure):
                raise ReaderFailed(f"the reading process failed ({item.kind})")
            yield item

    def close(self) -> None:
        """Stop the reading process if it is still running, and wait for it."""
        if self._closed:
            return
        self._closed = True
        if not self._done:
            with suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        while self._thread.is_alive():  # the pipe is closed at the other end: the thread ends...
            with suppress(queue.Empty):  # ... once what it still holds has room in the queue
                self._received.get(timeout=0.01)
        self._thread.join()
        self._receiver.close()

    def __enter__(self) -> AsideReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _reader_process(chunks: Callable[[], Iterator[Chunk]], sender: Connection, receiver: Connection) -> None:
    """The forked reader: send every chunk, then ``None``; never returns."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the writing process handles ctrl+c
        receiver.close()
        gc.disable()  # rows are tuples of text: nothing to collect, and it would cost a third
        for chunk in chunks():
            sender.send(chunk)
        sender.send(None)
    except BaseException as exc:  # reported to the writing process, by kind only
        code = 1
        with suppress(BaseException):  # the pipe may be gone: the exit code then says enough
            sender.send(_Failure(type(exc).__name__))
    finally:
        os._exit(code)

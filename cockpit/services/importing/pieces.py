"""The text of an import file a piece at a time, so that a large file is never held whole.

Each piece ends just after a line feed (except the last), so reading the pieces one after another
gives the same lines as reading the text whole, and no line is ever cut. A piece can be read again
(its place is kept, not its text): a reader that needs an earlier row again reads its piece again.
A UTF-8 file is decoded a piece at a time (an undecodable byte is kept as a lone surrogate, as
:func:`~cockpit.services.importing.source.decode` keeps it); any other text comes from memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

PIECE_BYTES = 1 << 20  # bytes (or characters, for a text in memory) a piece holds at least


class TextPieces:
    """A text read piece by piece, from memory (:meth:`of_text`) or a UTF-8 file (:meth:`of_file`).

    ``bad_bytes`` and ``nul`` say whether any piece read so far holds an undecodable byte or a NUL
    character (for a text in memory: whether the text does).
    """

    def __init__(self, text: str | None, path: Path | None, start: int, size: int) -> None:
        self._text = text
        self._path = path
        self._start = start
        self._size = size
        self._spans: list[tuple[int, int]] = []  # where each piece found so far is (bytes or characters)
        self._lengths: list[int] = []  # each piece's length in characters
        self._end = start  # where the next piece starts
        self._done = False
        self.bad_bytes = False
        self.nul = False

    @classmethod
    def of_text(cls, text: str, bad_bytes: bool = False, size: int | None = None) -> TextPieces:
        """Pieces of a text in memory (``bad_bytes``: it holds undecodable bytes)."""
        pieces = cls(text, None, 0, size or PIECE_BYTES)
        pieces.bad_bytes = bad_bytes
        pieces.nul = "\x00" in text
        return pieces

    @classmethod
    def of_file(cls, path: Path, start: int = 0, size: int | None = None) -> TextPieces:
        """Pieces of a UTF-8 file, from byte ``start`` (past a byte-order mark)."""
        return cls(None, path, start, size or PIECE_BYTES)

    def __iter__(self) -> Iterator[str]:
        """Every piece, in order (found as they are read)."""
        index = 0
        while True:
            if index < len(self._spans):
                yield self.piece(index)
            elif not self._next():
                return
            else:
                yield self.piece(index)
            index += 1

    def __len__(self) -> int:
        """How many pieces have been found so far."""
        return len(self._spans)

    def length(self, index: int) -> int:
        """The length in characters of piece ``index`` (found already)."""
        return self._lengths[index]

    def piece(self, index: int) -> str:
        """The text of piece ``index`` (found already), read again if it comes from a file."""
        start, end = self._spans[index]
        if self._text is not None:
            return self._text[start:end]
        assert self._path is not None
        with self._path.open("rb") as handle:
            handle.seek(start)
            return self._decode(handle.read(end - start))

    def found(self, index: int) -> bool:
        """Whether piece ``index`` exists (finding the pieces before it if needed)."""
        while index >= len(self._spans):
            if not self._next():
                return False
        return True

    def _next(self) -> bool:
        """Find the next piece; False at the end."""
        if self._done:
            return False
        start = self._end
        if self._text is not None:
            text = self._text
            if start >= len(text):
                self._done = True
                return False
            cut = text.find("\n", start + self._size)
            end = len(text) if cut < 0 else cut + 1
            self._spans.append((start, end))
            self._lengths.append(end - start)
            self._end = end
            return True
        assert self._path is not None
        with self._path.open("rb") as handle:
            handle.seek(start)
            data = handle.read(self._size)
            if data and not data.endswith(b"\n"):
                data += handle.readline()
        if not data:
            self._done = True
            return False
        piece = self._decode(data)
        self.nul = self.nul or "\x00" in piece
        self._spans.append((start, start + len(data)))
        self._lengths.append(len(piece))
        self._end = start + len(data)
        return True

    def _decode(self, data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            self.bad_bytes = True
            return data.decode("utf-8", "surrogateescape")

    def lines_from(self, index: int, skip: int = 0) -> Iterator[str]:
        """The lines (without their line feeds) from piece ``index`` on, the first ``skip`` left out;
        a text ending in a line feed has no empty line after it."""
        while self.found(index):
            text = self.piece(index)
            lines = text.split("\n")
            if text.endswith("\n"):
                lines.pop()
            yield from lines[skip:]
            skip = 0
            index += 1

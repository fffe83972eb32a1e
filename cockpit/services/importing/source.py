"""Reading an import file: its bytes and digest, the ``messages.csv`` inside a LinkedIn zip, the text
encoding (reported, never silently replaced) and the format."""

from __future__ import annotations

import codecs
import hashlib
import zipfile
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path, PurePosixPath

from cockpit.errors import BadInput
from cockpit.services.importing.pieces import TextPieces

MAX_FILE_BYTES = 2 * 1024**3
HEAD_BYTES = HEAD_CHARS = 1_048_576  # the start of a file that tells its format
HASH_BLOCK = 1 << 20
LINKEDIN_MEMBER = "messages.csv"
FORMATS = ("auto", "linkedin", "csv", "jsonl")
# Files next to messages.csv in LinkedIn's archive that hold no messages the owner sent to members.
SIBLINGS = {
    "guide_messages.csv": "your conversations with LinkedIn's AI assistant (guide_messages.csv)",
    "coach_messages.csv": "your conversations with LinkedIn's career coach (coach_messages.csv)",
    "learning_coach_messages.csv": "your LinkedIn Learning coach conversations (learning_coach_messages.csv)",
    "learningcoachmessages.csv": "your LinkedIn Learning coach conversations (LearningCoachMessages.csv)",
    "learning_role_play_messages.csv": (
        "your LinkedIn Learning role-play practice (learning_role_play_messages.csv)"
    ),
}
_OLD_HEADER_NAMES = frozenset({"FROM", "TO", "DATE", "CONTENT"})


def sibling_problem(name: str) -> str | None:
    """What a sibling of ``messages.csv`` is, said as a problem, or ``None`` for any other name."""
    what = SIBLINGS.get(PurePosixPath(name).name.lower())
    if what is None:
        return None
    return (
        f"{name}: this file of LinkedIn's export holds {what}, not messages you sent to members; "
        f"import {LINKEDIN_MEMBER} from the same archive (or the whole .zip)"
    )


@dataclass(frozen=True)
class Source:
    """An import file, read and decoded.

    ``text`` has undecodable bytes kept as lone surrogates (``surrogateescape``) so that the rows
    that hold them can be named; ``bad_bytes`` says whether there are any. ``data`` is the file as
    read (its digest is computed when first asked for).
    """

    path: Path
    name: str
    data: bytes = field(repr=False)
    size: int
    member: str | None
    text: str = field(repr=False)
    encoding: str
    bad_bytes: bool
    bom: bool
    streamed: bool = False  # a UTF-8 file read a piece at a time: ``text`` and ``data`` stay empty
    head: str = field(default="", repr=False)  # the start of a streamed file's text

    @cached_property
    def sha256(self) -> str:
        """The SHA-256 of the file's bytes (of the archive, for a zip), in hex."""
        if not self.streamed:
            return hashlib.sha256(self.data).hexdigest()
        digest = hashlib.sha256()
        with self.path.open("rb") as handle:
            while block := handle.read(HASH_BLOCK):
                digest.update(block)
        return digest.hexdigest()

    def start(self) -> str:
        """The start of the text (where its header or first object is)."""
        return self.head if self.streamed else self.text[:HEAD_CHARS]

    def pieces(self) -> TextPieces:
        """The text, a piece at a time (read from the file again for a streamed source)."""
        if self.streamed:
            return TextPieces.of_file(self.path, len(codecs.BOM_UTF8) if self.bom else 0)
        return TextPieces.of_text(self.text, self.bad_bytes)

    def whole(self) -> Source:
        """The same source with its whole text in memory (a LinkedIn export is read whole).

        Raises:
            BadInput: the file can no longer be read.
        """
        if not self.streamed:
            return self
        return read_source(str(self.path), stream=False)

    def without_text(self) -> Source:
        """The same source without its text and bytes (the digest, computed now, kept)."""
        digest = self.sha256
        if not self.text and not self.data:
            return self
        lean = replace(self, text="", data=b"")
        lean.__dict__["sha256"] = digest
        return lean


def _zip_member(path: Path, data: bytes) -> tuple[str, bytes]:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise BadInput(f"{path.name}: not a readable zip archive ({exc})") from None
    with archive:
        candidates = [
            info
            for info in archive.infolist()
            if not info.is_dir() and PurePosixPath(info.filename).name.lower() == LINKEDIN_MEMBER
        ]
        if not candidates:
            siblings = sorted(
                info.filename for info in archive.infolist() if sibling_problem(info.filename) is not None
            )
            if siblings:
                raise BadInput(
                    f"{path.name}: the archive has no {LINKEDIN_MEMBER}, only {', '.join(siblings)}, which "
                    "hold LinkedIn's assistant and coach conversations, not messages you sent to members"
                )
            raise BadInput(
                f"{path.name}: the archive has no {LINKEDIN_MEMBER} (is it LinkedIn's "
                "'Download your data' export with messages included?)"
            )
        depth = min(info.filename.count("/") for info in candidates)
        shallowest = [info for info in candidates if info.filename.count("/") == depth]
        if len(shallowest) > 1:
            names = ", ".join(info.filename for info in shallowest)
            raise BadInput(
                f"{path.name}: several {LINKEDIN_MEMBER} files ({names}); extract the one to import"
            )
        info = shallowest[0]
        if info.flag_bits & 0x1:
            raise BadInput(f"{path.name}: {info.filename} is encrypted")
        if info.file_size > MAX_FILE_BYTES:
            raise BadInput(f"{path.name}: {info.filename} is larger than {MAX_FILE_BYTES // 1024**3} GiB")
        try:
            with archive.open(info) as handle:
                member = handle.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, NotImplementedError, OSError) as exc:
            raise BadInput(f"{path.name}: cannot read {info.filename} ({exc})") from None
        if len(member) > MAX_FILE_BYTES:
            raise BadInput(f"{path.name}: {info.filename} is larger than its header says")
        return info.filename, member


def decode(data: bytes) -> tuple[str, str, bool, bool]:
    """Decode file bytes: UTF-8 (with or without a byte-order mark) or BOM-marked UTF-16.

    Returns ``(text, encoding, bad_bytes, bom)``; undecodable UTF-8 bytes are kept as lone
    surrogates so the rows holding them can be reported.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", False, True
        except UnicodeDecodeError as exc:
            raise BadInput(f"the file says it is UTF-16 but byte {exc.start} is not") from None
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    try:
        return body.decode("utf-8"), "utf-8", False, bom
    except UnicodeDecodeError:
        return body.decode("utf-8", "surrogateescape"), "utf-8", True, bom


def read_source(file: str, stream: bool = True) -> Source:
    """Read ``file`` (a CSV, JSONL or LinkedIn export zip). A file that is neither a zip nor UTF-16
    is only opened and its start read (``stream``): its text is read a piece at a time later.

    Raises:
        BadInput: missing, unreadable, too large, or a zip without ``messages.csv``.
    """
    path = Path(file).expanduser()
    try:
        if path.is_dir():
            raise BadInput(f"{file}: is a folder; name the file to import")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BadInput(f"{path.name}: larger than {MAX_FILE_BYTES // 1024**3} GiB")
        if stream and path.suffix.lower() != ".zip":
            with path.open("rb") as handle:
                start = handle.read(HEAD_BYTES)
            if not start.startswith((b"PK\x03\x04", codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                bom = start.startswith(codecs.BOM_UTF8)
                head = start[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8", "surrogateescape")
                return Source(path, path.name, b"", size, None, "", "utf-8", False, bom, True, head)
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{file}: no such file") from None
    except PermissionError:
        raise BadInput(f"{file}: permission denied") from None
    except OSError as exc:
        raise BadInput(f"{file}: cannot read it ({exc.strerror})") from None
    member = None
    content = data
    if data.startswith(b"PK\x03\x04") or path.suffix.lower() == ".zip":
        member, content = _zip_member(path, data)
    text, encoding, bad, bom = decode(content)
    return Source(path, path.name, data, size, member, text, encoding, bad, bom)


def line_count(source: Source) -> int:
    """How many line feeds the text holds (counted in the file's bytes for a streamed source)."""
    if not source.streamed:
        return source.text.count("\n")
    count = 0
    with source.path.open("rb") as handle:
        while block := handle.read(HASH_BLOCK):
            count += block.count(b"\n")
    return count


def first_line(text: str) -> str:
    """The first non-blank line of ``text`` (where a header or a first JSON object is)."""
    for line in text[:1_048_576].splitlines():
        if line.strip():
            return line
    return ""


def detect_format(source: Source, requested: str) -> str:
    """``linkedin``, ``csv`` or ``jsonl``: the requested format, or the one the content shows.

    Raises:
        BadInput: the content is empty, or is not the requested format, or cannot be told.
    """
    if requested not in FORMATS:
        raise BadInput(f"--format {requested!r}: expected one of {', '.join(FORMATS)}")
    if source.member is None:
        problem = sibling_problem(source.name)
        if problem is not None:
            raise BadInput(problem)
    head = first_line(source.start())
    if not head:
        raise BadInput(f"{source.name}: the file is empty")
    if head.strip().strip('"').lower() == "no conversations found":
        raise BadInput(
            f"{source.name}: the file says 'No conversations found' (LinkedIn writes that in an export "
            f"file that has no messages); import {LINKEDIN_MEMBER} from the same archive"
        )
    if source.member is not None:
        if requested not in ("auto", "linkedin"):
            raise BadInput(f"{source.name}: a LinkedIn export zip can only be imported as --format linkedin")
        return "linkedin"
    looks_json = head.lstrip().startswith("{")
    upper = head.upper()
    header_names = {" ".join(part.strip().strip('"').replace("_", " ").split()) for part in upper.split(",")}
    looks_linkedin = ("CONVERSATION ID" in upper and "CONTENT" in upper) or header_names >= _OLD_HEADER_NAMES
    if requested == "auto":
        if looks_json or source.path.suffix.lower() in (".jsonl", ".ndjson"):
            return "jsonl"
        if looks_linkedin:
            return "linkedin"
        lowered = head.lower()
        if "sent_at" in lowered or "body" in lowered:
            return "csv"
        raise BadInput(
            f"{source.name}: cannot tell the format from line 1: neither LinkedIn's messages.csv "
            "header nor a sends file header (sent_at, recipient, body); use --format"
        )
    if requested == "jsonl" and not looks_json:
        raise BadInput(f"{source.name}: line 1 is not a JSON object; is this a JSONL sends file?")
    if requested == "linkedin" and not looks_linkedin:
        raise BadInput(
            f"{source.name}: line 1 is not LinkedIn's messages.csv header "
            "(CONVERSATION ID, FROM, SENDER PROFILE URL, TO, DATE, SUBJECT, CONTENT ...)"
        )
    return requested

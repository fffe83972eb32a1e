"""A hostile corpus of at least 1,000 strings, the same on every run: each control character, the
terminal's escape sequences, bidi and invisible characters, tag characters, wide and combining
text, markup of Rich and Textual, and seeded random mixes of them."""

from __future__ import annotations

import random
from collections.abc import Sequence

from cockpit.services.new_send import MAX_RECIPIENT, NewSend
from tests.conftest import make_send

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"

SEQUENCES = (
    f"{ESC}]0;pwned title{BEL}",  # OSC 0: window title
    f"{ESC}]2;title{ST}",
    f"{ESC}]8;;https://evil.example/{ST}click{ESC}]8;;{ST}",  # OSC 8: hyperlink
    f"{ESC}]52;c;ZXZpbCBjbGlwYm9hcmQ={BEL}",  # OSC 52: clipboard
    f"{ESC}]52;p;?{BEL}",
    f"{ESC}]1337;File=name=eA==;inline=1:AAAA{BEL}",  # iTerm2 file
    f"{ESC}[2J{ESC}[H",  # CSI: clear, home
    f"{ESC}[31;1mred{ESC}[0m",
    f"{ESC}[6n",  # device status report (asks the terminal to type)
    f"{ESC}[?1049h",  # alternate screen
    f"{ESC}[?1000h",  # mouse reporting
    f"{ESC}[8;100;100t",  # resize window
    f"{ESC}[21t",  # report title
    f"{ESC}P+q544e{ST}",  # DCS: request terminfo
    f"{ESC}Pq#0;2;0;0;0#0~~@@vv@@~~{ST}",  # DCS sixel
    f"{ESC}_APC payload{ST}",
    f"{ESC}^PM payload{ST}",
    f"{ESC}XSOS payload{ST}",
    f"{ESC}c",  # full reset
    f"{ESC}(0lqqk{ESC}(B",  # line drawing charset
    "\x9b31m",  # 8-bit CSI
    "\x9d0;title\x9c",  # 8-bit OSC ... ST
    "\x90q\x9c",  # 8-bit DCS
    "\x9e\x9f\x98",  # 8-bit PM, APC, SOS
    "\r\roverwrite",
    "back\b\b\bspace",
    "tab\there\vvertical\fform",
)
BIDI = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
        "\u200e", "\u200f", "\u061c")  # fmt: skip
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u2061", "\u2062",
             "\u2063", "\u2064", "\u206a", "\u206f", "\ufff9", "\ufffb", "\u2028", "\u2029")  # fmt: skip
TAGS = tuple(chr(code) for code in (0xE0001, 0xE0020, 0xE0041, 0xE0061, 0xE007A, 0xE007F))
WIDE = ("日本語のメッセージ", "👩‍👩‍👧‍👦", "🇺🇸🇩🇪", "Ｆｕｌｌｗｉｄｔｈ", "한국어", "𝕏𝕪𝕫", "ﷺ", "𒐫")
COMBINING = ("Z\u0351\u0362\u0334a\u0335\u0352l\u0358g\u0360o", "e\u0301\u0301\u0301\u0301\u0301",
             "a" + "\u0300" * 60, "\u0e49\u0e49\u0e49\u0e49")  # fmt: skip
MARKUP = ("[bold]x[/bold]", "[/]", "[$var]", "[@click=app.quit]quit[/]", "[link=https://x]l[/link]",
          "[red on white]", "\\[escaped]", "[b]unclosed", "{{ contact.firstname }}", "${HOME}",
          "%s %d %n", "$(rm -rf /)", "`id`", "<script>alert(1)</script>", "=HYPERLINK(\"x\")",
          "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "C:\\new\\table", "\\\\server\\share")  # fmt: skip
PLAIN = ("Hi Priya,", "Quick question about the role", "SSN 512-44-3821", "Dana")


def _controls() -> list[str]:
    return [f"c0 {code:02x} [{chr(code)}] end" for code in range(1, 0x20)] + [
        "del [\x7f] end",
        *(f"c1 {code:02x} [{chr(code)}] end" for code in range(0x80, 0xA0)),
    ]


def hostile_strings(count: int = 1_000, seed: int = 20261208) -> list[str]:
    """``count`` or more hostile strings (no NUL, which the cockpit refuses), deterministic."""
    found: list[str] = _controls()
    for group in (SEQUENCES, BIDI, INVISIBLE, TAGS, WIDE, COMBINING, MARKUP):
        found.extend(f"before {item} after" for item in group)
    pieces = [*SEQUENCES, *BIDI, *INVISIBLE, *TAGS, *WIDE, *COMBINING, *MARKUP, *PLAIN, *_controls()]
    rng = random.Random(seed)
    while len(found) < count:
        found.append(" ".join(rng.choice(pieces) for _ in range(rng.randint(2, 8))))
    return found


def corpus_sends(strings: Sequence[str]) -> list[NewSend]:
    """One send per string: as its subject, its body and (cut) its recipient; every tenth also names
    its batch by it."""
    return [
        make_send(
            minutes_ago=index % 70,
            recipient=("R " + text)[:MAX_RECIPIENT],
            subject=text[:1000],
            body="Hi,\n" + text,
            batch=text[:40] if index % 10 == 0 else None,
        )
        for index, text in enumerate(strings)
    ]

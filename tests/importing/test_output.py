"""What ``cockpit import`` prints: only the summary on a pipe, file text made safe, counts adding up."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from cockpit.cli.options import ImportOptions
from cockpit.cli.sends import import_into
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.mojibake import repair_mojibake
from cockpit.services.importing.summary import describe_age
from tests.importing.conftest import FIXTURES, ME, CliResult


def test_summary_on_a_pipe_has_no_progress_bar(cli: Callable[..., CliResult]) -> None:
    result = cli("import", str(FIXTURES / "linkedin_2024.csv"), "--me", ME)
    assert result.code == 0
    assert result.err == ""
    assert "\x1b" not in result.out and "\r" not in result.out
    lines = result.out.splitlines()
    assert lines[0] == "Imported linkedin_2024.csv, LinkedIn export: 3 new messages"
    assert lines[1] == "  rows read   8 = imported 3 + duplicates 0 + skipped 5 + rejected 0"
    assert "  skipped     draft 1, received 2, system 2" in lines
    assert any(line.startswith("  responses   2 sends have a response") for line in lines)
    assert any(line.startswith("  ids         1-3; audit entry 1") for line in lines)


def test_progress_bar_only_on_a_terminal(cockpit: Cockpit) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out, err = Tty(), Tty()
    options = ImportOptions(file=str(FIXTURES / "linkedin_2021.csv"), me=ME)
    assert import_into(cockpit, options, out=out, err=err) == 0
    assert out.getvalue().startswith("Imported linkedin_2021.csv")
    assert "reading" in err.getvalue() or err.getvalue() == ""  # transient bar (Rich may clear it)


def test_hostile_text_from_the_file_is_printed_safely(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    path = tmp_path / "sends.csv"
    path.write_bytes(
        b"sent_at,recipient,body,channel\n2026-11-28T14:00:00Z,Ana,Hi,\x1b]52;c;cGF5bG9hZA==\x07evil\n"
    )
    result = cli("import", str(path))
    assert result.code == 1
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert "line 2: channel:" in result.err


def test_me_is_ignored_for_sends_files_with_a_note(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    path = tmp_path / "sends.csv"
    path.write_text("sent_at,recipient,body\n2026-11-28T14:00:00Z,Ana,Hi\n")
    result = cli("import", str(path), "--me", ME)
    assert result.code == 0 and "--me applies to LinkedIn exports only" in result.err


def test_format_option_must_match_the_content(cli: Callable[..., CliResult]) -> None:
    result = cli("import", str(FIXTURES / "linkedin_2021.csv"), "--format", "jsonl")
    assert result.code == 1 and "not a JSON object" in result.err
    forced = cli("import", str(FIXTURES / "linkedin_2021.csv"), "--format", "linkedin", "--me", ME)
    assert forced.code == 0


def test_describe_age() -> None:
    from datetime import timedelta

    assert describe_age(timedelta(seconds=30)) == "under a minute"
    assert describe_age(timedelta(minutes=45)) == "45 min"
    assert describe_age(timedelta(hours=3, minutes=12)) == "3 h 12 min"
    assert describe_age(timedelta(days=2, hours=4)) == "2 d 4 h"
    assert describe_age(timedelta(minutes=-5)).startswith("in the future")


def test_mojibake_repair_only_when_unambiguous() -> None:
    assert repair_mojibake("JosÃ©") == ("José", "repaired")
    assert repair_mojibake("MÃ¼ller â€“ Team") == ("Müller – Team", "repaired")
    assert repair_mojibake("crÃƒÂ¨me") == ("crème", "repaired")  # applied twice
    assert repair_mojibake("JosÃ© Müller") == ("JosÃ© Müller", "ambiguous")  # mixed: left alone
    assert repair_mojibake("José") == ("José", "clean")
    assert repair_mojibake("Ã") == ("Ã", "clean")
    assert repair_mojibake("plain ascii") == ("plain ascii", "clean")

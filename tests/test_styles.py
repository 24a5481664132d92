"""What NO_COLOR and --no-color take away on a real pseudo-terminal.

NO_COLOR drops the colours and keeps bold, italic and dim (https://no-color.org
is about colour); --no-color drops every escape code, for screen readers and
terminal logs, and the text is still wrapped to the terminal's width.
"""

from __future__ import annotations

import re

import pytest

from .test_streams import SAMPLE, colour_codes, run_in_pty

pytestmark = pytest.mark.slow

_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_ANY_ESCAPE = re.compile(r"\x1b")
BOLD, DIM, ITALIC = 1, 2, 3


def attributes(output: str) -> set[int]:
    """Text attributes (bold, dim, italic) switched on by the SGR sequences in ``output``."""
    found: set[int] = set()
    for match in _SGR.finditer(output):
        found.update(int(param) for param in match.group(1).split(";") if param in ("1", "2", "3"))
    return found


def test_a_terminal_gets_colours_and_styles() -> None:
    code, output, stderr = run_in_pty(["summarise", str(SAMPLE)])
    assert code == 0, stderr
    assert colour_codes(output)
    assert attributes(output) == {BOLD, DIM, ITALIC}


def test_no_color_variable_drops_colours_and_keeps_styles() -> None:
    code, output, stderr = run_in_pty(["summarise", str(SAMPLE)], NO_COLOR="1")
    assert code == 0, stderr
    assert colour_codes(output) == []
    assert attributes(output) == {BOLD, DIM, ITALIC}


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}])
def test_no_color_option_writes_no_escape_code_at_all(env: dict[str, str]) -> None:
    code, output, stderr = run_in_pty(["summarise", "--no-color", str(SAMPLE)], COLUMNS="60", **env)
    assert code == 0, stderr
    assert _ANY_ESCAPE.findall(output) == []
    lines = output.splitlines()
    assert lines[0].startswith("Jerry Tworek announced")
    assert "Key facts" in lines
    assert "Summary" in lines
    assert max(len(line) for line in lines) <= 60  # still laid out for the terminal


def test_no_color_option_text_is_the_styled_text_without_its_codes() -> None:
    styled = run_in_pty(["summarise", str(SAMPLE)], COLUMNS="70")[1]
    plain = run_in_pty(["summarise", "--no-color", str(SAMPLE)], COLUMNS="70")[1]
    assert _SGR.sub("", styled) == plain

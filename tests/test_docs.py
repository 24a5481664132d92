"""The README's commands and transcript stay true."""

from __future__ import annotations

import re

from .conftest import GOLDEN, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    ci_command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert f"```sh\n{ci_command}\n```" in README


def test_readme_transcript_is_the_real_output() -> None:
    block = re.search(r"<!-- transcript: [^>]*-->\n```text\n(.*?)```\n<!-- end transcript -->", README, re.S)
    assert block is not None
    assert block.group(1) == (GOLDEN / "sample.txt").read_text(encoding="utf-8")


def test_readme_lists_every_method_and_option() -> None:
    from newsdigest.options import METHODS

    for method in METHODS:
        assert f"`{method}`" in README
    for option in (
        "--format",
        "--method",
        "--sentences",
        "--ratio",
        "--words",
        "--facts",
        "--jobs",
        "--input-format",
        "--no-color",
    ):
        assert f"`{option}`" in README

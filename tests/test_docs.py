"""The README's commands and transcript stay true."""

from __future__ import annotations

import re

from .conftest import GOLDEN, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    ci_command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert f"```sh\n{ci_command}\n```" in README


TRANSCRIPT = re.compile(r"(<!-- transcript: [^>]*-->\n```text\n)(.*?)(```\n<!-- end transcript -->)", re.S)


def test_readme_transcript_is_the_real_output(update_golden: bool) -> None:
    # Runs after the golden tests (file order), so --update-golden refreshes both.
    golden = (GOLDEN / "sample.txt").read_text(encoding="utf-8")
    if update_golden:
        (ROOT / "README.md").write_text(
            TRANSCRIPT.sub(lambda m: m.group(1) + golden + m.group(3), README), encoding="utf-8"
        )
        return
    block = TRANSCRIPT.search(README)
    assert block is not None
    assert block.group(2) == golden


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
        "--keywords",
        "--language",
        "--jobs",
        "--input-format",
        "--no-color",
        "--output",
        "--timeout",
    ):
        assert f"`{option}`" in README


def test_json_schema_documents_every_source_field() -> None:
    from newsdigest.model import SourceInfo

    schema = (ROOT / "docs" / "json-schema.md").read_text(encoding="utf-8")
    for key in SourceInfo().to_dict():
        assert f"`source.{key}`" in schema


def test_readme_html_example_is_the_real_output() -> None:
    from typer.testing import CliRunner

    from newsdigest.cli import app

    block = re.search(r"\$ newsdigest summarise (tests/data/pages/\S+) \| tail -2\n(.*?)\n```", README, re.S)
    assert block is not None
    result = CliRunner().invoke(app, ["summarise", str(ROOT / block.group(1))])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-2:] == block.group(2).splitlines()

"""The README's commands and transcript stay true."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GOLDEN, ROOT, SAMPLE

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


# --- the README's commands, run as written -------------------------------------------------------

FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)
# Blocks that show output, a synopsis, a file layout or a record, not something to run.
NOT_COMMANDS = ("text", "json")
# Every command of a ```sh or ```console block (each part of an `a && b` chain) and every
# ```python block is run, except those matching one of these, each with the reason.
NOT_RUN = {
    r"https?://(?:[\w-]+\.)?example\.com": "example.com stands for the reader's site; the tests reach no network",
    r"^python3 -m venv ": "creates the environment the tests already run in (.ci/run does it on a fresh clone)",
    r"\bpip install\b": "installs from the package index: network (.ci/run installs the dev extra on a fresh clone)",
    r"^\.venv/bin/(?:ruff|mypy|pytest)\b": "the linters and this test suite themselves (.ci/run runs them)",
    r"^\.venv/bin/python benchmarks/": "a benchmark: minutes long, and it reads the development sets",
    r"^python training/": "retrains the learned method: minutes long, and it reads the training file",
    r'scheduler="tcp://': "needs a running Dask scheduler at that address, and the reader's crawl files",
    r"http://127\.0\.0\.1:8765/": "the test server (python -m tests.webserver); test_brief_feeds.py checks this transcript",
}
# A trailing duration ("1.3 s") differs from run to run.
_DURATION = re.compile(r"\b\d+(?:\.\d+)? s$", re.M)


def readme_blocks() -> list[tuple[str, str]]:
    return [(lang, body) for lang, body in FENCE.findall(README)]


def shell_steps() -> list[tuple[str, str | None]]:
    """(command, the output the README shows for it or None), in README order."""
    steps: list[tuple[str, str | None]] = []
    for lang, body in readme_blocks():
        if lang == "sh":
            steps += [(part, None) for line in body.splitlines() if line.strip() for part in line.split(" && ")]
        elif lang == "console":
            for chunk in re.split(r"^\$ ", body, flags=re.M)[1:]:
                command, _, shown = chunk.partition("\n")
                steps.append((command, shown or None))
    return steps


def not_run(text: str) -> str | None:
    return next((reason for pattern, reason in NOT_RUN.items() if re.search(pattern, text, re.M)), None)


def test_readme_blocks_are_all_of_a_known_kind() -> None:
    kinds = {lang for lang, _ in readme_blocks()}
    assert kinds <= {"sh", "console", "python", *NOT_COMMANDS}, kinds


def test_readme_does_not_send_users_to_the_development_sets() -> None:
    # They are not part of a clone; docs/DEVELOPMENT.md names them. (The Speed section is checked once
    # its reproduction commands have moved to docs/DEVELOPMENT.md.)
    outside_speed = re.sub(r"^## Speed\n.*?(?=^## )", "", README, flags=re.S | re.M)
    assert "../shared" not in outside_speed
    assert "pip install 'newsdigest" not in README  # not on a package index: installed from the clone


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder like a clone, plus the reader's own files that the examples name."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "data").symlink_to(ROOT / "data")
    (folder / "tests").mkdir()
    (folder / "tests" / "data").symlink_to(ROOT / "tests" / "data")
    shutil.copy(SAMPLE, folder / "article.txt")
    (folder / "news").mkdir()
    shutil.copy(SAMPLE, folder / "news" / "tworek.txt")
    records = (ROOT / "tests" / "data" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "news" / "harbour.txt").write_text(json.loads(records[0])["text"], encoding="utf-8")
    (folder / "feed.jsonl").write_text("\n".join(records[1:3]) + "\n", encoding="utf-8")
    return folder


def run_in(folder: Path, command: str) -> subprocess.CompletedProcess[str]:
    bin_dir = Path(sys.executable).parent
    command = command.replace(".venv/bin/", f"{bin_dir}/")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )


SHELL_STEPS = [step for step in shell_steps() if not_run(step[0]) is None]


def test_readme_runs_its_set_up_and_main_examples() -> None:
    # A too-wide NOT_RUN pattern must not quietly leave the examples that matter untested.
    run = {command for command, _ in SHELL_STEPS}
    assert {
        ".venv/bin/newsdigest summarise data/sample_article.txt",
        "newsdigest summarise article.txt",
        "newsdigest evaluate data/eval_example.jsonl --method news --method lead --sentences 2",
        "newsdigest cluster tests/data/articles.jsonl digests/",
        "newsdigest cluster --brief day stories.jsonl briefs/",
    } <= run
    assert len(PYTHON_BLOCKS) == 2  # the digest and the briefing


@pytest.mark.slow
@pytest.mark.parametrize(("command", "shown"), SHELL_STEPS, ids=[command for command, _ in SHELL_STEPS])
def test_readme_command_runs_as_written(workdir: Path, command: str, shown: str | None) -> None:
    if re.search(r"\bjq\b", command):
        assert shutil.which("jq"), "the README's examples pipe into jq: install it (Debian: apt-get install jq)"
    done = run_in(workdir, command)
    assert done.returncode == 0, done.stderr
    if shown is not None:
        assert _DURATION.sub("N s", done.stdout + done.stderr) == _DURATION.sub("N s", shown)


PYTHON_BLOCKS = [body for lang, body in readme_blocks() if lang == "python" and not_run(body) is None]


@pytest.mark.slow
@pytest.mark.parametrize("code", PYTHON_BLOCKS, ids=[f"python-{n}" for n in range(len(PYTHON_BLOCKS))])
def test_readme_python_example_runs(workdir: Path, code: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_development_document_names_scripts_that_exist() -> None:
    text = (ROOT / "docs" / "DEVELOPMENT.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\b(benchmarks/\w+\.py|tests/\w+\.py)\b", text))
    assert named
    assert sorted(name for name in named if not (ROOT / name).is_file()) == []

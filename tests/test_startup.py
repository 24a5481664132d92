"""Start-up stays cheap: what the command imports on each path (real subprocesses).

Timing is measured by benchmarks/, never asserted here; what is asserted is
which modules a path loads, which is what start-up time follows from.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SAMPLE

# Runs the console-script entry point and writes the names in sys.modules,
# at exit, to the file named by the first argument.
PROBE = """
import atexit, json, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w", encoding="utf-8").write(json.dumps(sorted(sys.modules))))
from newsdigest.cli import main
main()
"""
HEAVY = ("sumy", "nltk", "numpy")
PIPELINE = (
    "newsdigest.pipeline.clean",
    "newsdigest.pipeline.segment",
    "newsdigest.pipeline.score",
    "newsdigest.analysis.facts",
)

#: With one of these set, Rich may take a pipe for a terminal.
RICH_TERMINAL_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE")

pytestmark = pytest.mark.slow


def loaded(tmp_path: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None) -> tuple[int, set[str]]:
    out = tmp_path / "modules.json"
    environ = {key: value for key, value in os.environ.items() if key not in RICH_TERMINAL_VARIABLES}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**environ, **(env or {})},
    )
    return done.returncode, set(json.loads(out.read_text(encoding="utf-8")))


def imported(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in packages or m in packages)


@pytest.mark.parametrize("args", [("--help",), ("summarise", "--help"), ("--version",)])
def test_help_loads_neither_the_pipeline_nor_heavy_packages(tmp_path: Path, args: tuple[str, ...]) -> None:
    code, modules = loaded(tmp_path, *args)
    assert code == 0
    assert imported(modules, HEAVY) == []
    assert not set(PIPELINE) & modules
    assert "typer.rich_utils" not in modules  # Rich-formatted help costs more than the rest of --help


@pytest.mark.parametrize("args", [("--help",), ("--version",)])
def test_top_level_help_and_version_load_no_validation_library(tmp_path: Path, args: tuple[str, ...]) -> None:
    # typer >= 0.29 imports pydantic (about 50 ms) to validate the first option that is not a
    # flag it can skip; `newsdigest --help` and `--version` stop before any, so they stay cheap.
    code, modules = loaded(tmp_path, *args)
    assert code == 0
    assert imported(modules, ("pydantic", "pydantic_core")) == []


@pytest.mark.parametrize(
    "args",
    [
        ("summarise", "--bogus"),
        ("summarise", "--method", "nope", str(SAMPLE)),
        ("summarise", "--sentences", "2", "--ratio", "0.5", str(SAMPLE)),
        ("summarise", "no-such-file.txt"),
    ],
)
def test_usage_and_input_errors_load_no_heavy_package(tmp_path: Path, args: tuple[str, ...]) -> None:
    code, modules = loaded(tmp_path, *args)
    assert code in (1, 2)
    assert imported(modules, HEAVY) == []


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_the_default_method_loads_neither_sumy_nor_nltk(tmp_path: Path, fmt: str) -> None:
    code, modules = loaded(tmp_path, "summarise", "--format", fmt, str(SAMPLE))
    assert code == 0
    assert imported(modules, ("sumy", "nltk")) == []


def test_piped_input_with_the_default_method_loads_neither_sumy_nor_nltk(tmp_path: Path) -> None:
    code, modules = loaded(tmp_path, "summarise", stdin=SAMPLE.read_text(encoding="utf-8"))
    assert code == 0
    assert imported(modules, ("sumy", "nltk")) == []


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_one_article_into_a_pipe_loads_neither_rich_nor_the_batch_runner(tmp_path: Path, fmt: str) -> None:
    code, modules = loaded(tmp_path, "summarise", "--format", fmt, str(SAMPLE))
    assert code == 0
    assert imported(modules, ("rich",)) == []
    assert "newsdigest.runners.batch" not in modules


def test_piped_input_loads_no_batch_runner(tmp_path: Path) -> None:
    code, modules = loaded(tmp_path, "summarise", stdin=SAMPLE.read_text(encoding="utf-8"))
    assert code == 0
    assert "newsdigest.runners.batch" not in modules


@pytest.mark.parametrize("variable", RICH_TERMINAL_VARIABLES)
def test_text_goes_through_rich_when_it_may_take_the_pipe_for_a_terminal(tmp_path: Path, variable: str) -> None:
    code, modules = loaded(tmp_path, "summarise", str(SAMPLE), env={variable: "1"})
    assert code == 0
    assert "rich.console" in modules


def test_several_inputs_go_through_the_batch_runner(tmp_path: Path) -> None:
    code, modules = loaded(tmp_path, "summarise", "--format", "jsonl", str(SAMPLE), str(SAMPLE))
    assert code == 0
    assert "newsdigest.runners.batch" in modules


@pytest.mark.parametrize(("language", "detector"), [("en", False), ("de", False), ("auto", True)])
def test_the_language_detector_is_loaded_only_to_detect(tmp_path: Path, language: str, detector: bool) -> None:
    code, modules = loaded(tmp_path, "summarise", "--language", language, "--format", "json", str(SAMPLE))
    assert code == 0
    assert ("fasttext" in modules) is detector


def test_a_sumy_method_still_goes_through_sumy(tmp_path: Path) -> None:
    code, modules = loaded(tmp_path, "summarise", "--method", "lsa", str(SAMPLE))
    assert code == 0
    assert "sumy.summarizers.lsa" in modules


def test_the_package_exports_resolve_lazily_and_stay_functions() -> None:
    code = (
        "import sys, newsdigest; assert 'newsdigest.pipeline.clean' not in sys.modules;"
        "import newsdigest.pipeline.digest; from newsdigest import digest, Options;"
        "assert callable(digest) and not isinstance(digest, type(sys)), digest;"
        "print(digest('The mayor resigned on Monday.', Options(facts=0)).summary[0].text)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "The mayor resigned on Monday."


def test_dir_lists_the_public_names() -> None:
    import newsdigest

    assert set(newsdigest.__all__) <= set(dir(newsdigest))
    with pytest.raises(AttributeError):
        newsdigest.no_such_name  # noqa: B018

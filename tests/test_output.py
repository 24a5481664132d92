"""--output FILE: written atomically, so a file is complete or untouched."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdigest.output.files import OutputError, atomic_output

from .conftest import SAMPLE
from .privileges import modes_apply

COMMAND = [str(Path(sys.executable).parent / "newsdigest"), "summarise"]


def run(*args: str, preexec_fn=None) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, preexec_fn=preexec_fn
    )


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_output_holds_what_stdout_would(tmp_path: Path) -> None:
    target = tmp_path / "digest.json"
    written = run(str(SAMPLE), "--format", "json", "--output", str(target))
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == run(str(SAMPLE), "--format", "json").stdout
    assert leftovers(tmp_path) == []


def test_an_existing_file_is_replaced_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "digest.txt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    assert run(str(SAMPLE), "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("Jerry Tworek")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("name", "message"), [("missing/digest.txt", "folder does not exist"), (".", "is a directory")]
)
def test_unwritable_targets_are_one_line_errors(tmp_path: Path, name: str, message: str) -> None:
    done = run(str(SAMPLE), "-o", str(tmp_path / name))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("Error: ")
    assert message in done.stderr


def test_a_read_only_folder_is_a_clear_error_and_the_old_file_stays(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "digest.txt"
    target.write_text("old\n", encoding="utf-8")
    folder.chmod(0o555)
    try:
        done = run(str(SAMPLE), "-o", str(target), preexec_fn=modes_apply())
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: ")
    assert "permission denied" in done.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(folder) == []


def test_ctrl_c_leaves_the_old_file_whole_and_no_temporary_file(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    # 3,000 distinct sentences: sumy's KL method is quadratic in pure Python
    # and takes minutes on them, so the run is surely interrupted mid-way.
    rng = random.Random(7)
    words = [f"{stem}{i}" for stem in ("council", "budget", "road", "mayor", "tax", "rail") for i in range(40)]
    lines = [" ".join(rng.choice(words) for _ in range(12)).capitalize() + "." for _ in range(3000)]
    article.write_text("\n".join(lines), encoding="utf-8")
    target = tmp_path / "digest.txt"
    target.write_text("old\n", encoding="utf-8")
    process = subprocess.Popen(
        [*COMMAND, str(article), "--method", "kl", "-o", str(target)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr == "Interrupted.\n"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_a_failure_inside_the_block_keeps_the_target(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")

    def write_half_then_fail() -> None:
        with atomic_output(str(target)) as stream:
            stream.write("half")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_half_then_fail()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_output_error_is_an_input_error_with_exit_code_1() -> None:
    assert OutputError("x").exit_code == 1

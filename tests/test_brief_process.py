"""The installed ``newsdigest brief`` in a real process: its exit codes end to end, Ctrl-C included."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ENTRY_POINT = Path(sys.executable).parent / "newsdigest"
TIMEOUT = 120  # seconds; generous for a slow machine, but never a hang


def _env(store: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["NEWSDIGEST_STORE"] = str(store)
    return env


@pytest.mark.slow
def test_the_installed_command_briefs_and_exits_0(web: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(ENTRY_POINT), "brief", f"{web}/brief/subscriptions.opml", "--format", "json", "--top", "1"],
        capture_output=True,
        env=_env(tmp_path / "store.sqlite3"),
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stories"][0]["sources"] == 3
    assert done.stderr == b""  # not a terminal: no progress line


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["{web}/brief/ellerygazette/feed", "--top", "0"], 2),  # usage
        (["{web}/missing-feed"], 1),  # nothing could be read
    ],
)
def test_exit_codes(web: str, tmp_path: Path, args: list[str], code: int) -> None:
    done = subprocess.run(
        [str(ENTRY_POINT), "brief", *(a.format(web=web) for a in args)],
        capture_output=True,
        env=_env(tmp_path / "store.sqlite3"),
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == code
    assert done.stdout == b""
    assert done.stderr.startswith(b"Error: ") or b"Usage:" in done.stderr
    assert b"Traceback" not in done.stderr


@pytest.mark.slow
def test_ctrl_c_while_fetching_exits_130(web: str, tmp_path: Path) -> None:
    process = subprocess.Popen(
        [str(ENTRY_POINT), "brief", f"{web}/slow", "--timeout", "30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path / "store.sqlite3"),
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while not tmp_path.joinpath("store.sqlite3").exists() and time.monotonic() < deadline:
            time.sleep(0.05)  # the store is opened just before the first request
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130
    assert stdout == b""
    assert stderr.decode().strip().splitlines()[-1] == "Interrupted."
    assert b"Traceback" not in stderr

"""Ctrl-C in a batch: exit 130, no traceback, and only complete records written."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

COMMAND = [str(Path(sys.executable).parent / "newsdigest"), "summarise"]


def test_ctrl_c_in_a_batch_leaves_only_complete_lines(tmp_path: Path) -> None:
    rng = random.Random(3)
    words = [f"{stem}{i}" for stem in ("council", "budget", "road", "mayor", "tax", "rail") for i in range(50)]
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as stream:
        for number in range(20000):
            text = " ".join(" ".join(rng.choice(words) for _ in range(12)).capitalize() + "." for _ in range(8))
            stream.write(json.dumps({"id": number, "text": text}) + "\n")
    with subprocess.Popen(
        [*COMMAND, str(feed), "--format", "jsonl", "--jobs", "2"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()  # the batch is under way
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        # Read through the same buffered stream as the first line (communicate()
        # would read the pipe underneath it and skip what that stream buffered).
        rest = process.stdout.read()
        stderr = process.stderr.read()
        process.wait(timeout=120)
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr
    output = first + rest
    assert output.endswith(b"\n")
    lines = output.decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert 0 < len(records) < 20000
    assert [r["input"]["id"] for r in records] == list(range(len(records)))  # in order, none skipped


# Ctrl-C at one moment of reading the command line: Typer imports pydantic there (lazily, to
# validate the first parameter), and the interrupt is raised as that import starts.
CTRL_C_WHILE_PARSING = """
import sys
from newsdigest.cli import main

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "pydantic":
            raise KeyboardInterrupt
        return None

assert "pydantic" not in sys.modules  # the premise: it is imported while the command line is read
sys.meta_path.insert(0, CtrlC())
sys.argv = ["newsdigest", "summarise", sys.argv[1]]
main()
"""


def test_ctrl_c_while_the_command_line_is_read_says_interrupted() -> None:
    from .conftest import SAMPLE

    done = subprocess.run(
        [sys.executable, "-c", CTRL_C_WHILE_PARSING, str(SAMPLE)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 130
    assert done.stderr == "Interrupted.\n"
    assert done.stdout == ""

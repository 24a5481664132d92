"""One article, whole process: newsdigest against ``lede``, and where the instructions go.

Usage:
    .venv/bin/python benchmarks/one_article.py [--runs 21] [--callgrind] [--parts] [--before SRC]

Times, whole process, each command on ``data/sample_article.txt``: ``python -c
pass``, ``lede`` (lede 0.5.1, ``pip install lede==0.5.1`` into the same
environment, for this benchmark only), and ``newsdigest summarise`` as text
into a pipe, as JSON and with ``--language en``. The commands are interleaved
``--runs`` times; the report gives medians of the wall clock and of the CPU
time (user + system of the child, which other work on the machine disturbs
less), each also as a ratio of ``lede``'s.

``--callgrind`` adds the instructions of one run of each command under
``valgrind --tool=callgrind`` (which other work does not change); ``--parts``
adds those of the parts of the one-article run, each its own ``python -c``
process (so each includes the interpreter and the standard modules it
imports). ``--before SRC`` also runs ``newsdigest summarise`` with the
package from another source tree first on ``PYTHONPATH`` (for example
``git archive main src | tar -x -C /tmp/before``): the code before a change,
side by side with the code after it.

newsdigest's modules are byte-compiled first, as in an installed package (see
run.py). No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "data/sample_article.txt"
PYTHON = sys.executable
BIN = Path(PYTHON).parent

#: The parts of the one-article run, each measured as its own process.
PARTS = {
    "`import typer`": "import typer",
    "`import rich.console`": "import rich.console",
    "`import newsdigest.cli` (Typer, the options)": "import newsdigest.cli",
    "`import newsdigest.pipeline.digest` (every step)": "import newsdigest.pipeline.digest",
    "`import newsdigest.pipeline.clean`": "import newsdigest.pipeline.clean",
    "`import punkt` and load the English model": "import punkt; punkt.tokenizer_for('english', line_breaks='always')",
    "load the language detector": "from newsdigest.analysis.language import _model; _model()",
    "`digest()` of the sample in a library process": f"from newsdigest import digest; digest(open({SAMPLE!r}).read())",
    "the same, and its text written as into a pipe": (
        "import sys; from newsdigest import digest; from newsdigest.output.text import write_text;"
        f" write_text(digest(open({SAMPLE!r}).read()), sys.stdout)"
    ),
    "the same, drawn by Rich as on a terminal": (
        "import sys; from newsdigest import digest; from newsdigest.output.terminal import write_terminal;"
        f" write_terminal(digest(open({SAMPLE!r}).read()), sys.stdout)"
    ),
}


def commands(before: str | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    newsdigest = str(BIN / "newsdigest")
    found: dict[str, tuple[list[str], dict[str, str]]] = {
        "`python -c pass`": ([PYTHON, "-c", "pass"], {}),
        "`lede data/sample_article.txt`": ([str(BIN / "lede"), SAMPLE], {}),
        "`newsdigest summarise data/sample_article.txt`": ([newsdigest, "summarise", SAMPLE], {}),
        "`newsdigest summarise --format json …`": ([newsdigest, "summarise", "--format", "json", SAMPLE], {}),
        "`newsdigest summarise --language en …`": ([newsdigest, "summarise", "--language", "en", SAMPLE], {}),
        "`newsdigest summarise --help`": ([newsdigest, "summarise", "--help"], {}),
    }
    if before:
        found["`newsdigest summarise …`, the code before"] = (
            [newsdigest, "summarise", SAMPLE],
            {"PYTHONPATH": before},
        )
    return found


def _env(extra: dict[str, str]) -> dict[str, str]:
    # Plain text into the pipe, as a user's `newsdigest … | less` gets; nothing written next to the sources.
    environ = {key: value for key, value in os.environ.items() if key not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    return {**environ, "PYTHONDONTWRITEBYTECODE": "1", **extra}


def run_once(command: list[str], extra: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(extra), cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def instructions(command: list[str], extra: dict[str, str]) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_env(extra),
            cwd=ROOT,
            check=True,
        )
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise SystemExit("callgrind wrote no total")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--callgrind", action="store_true", help="instructions of each command (valgrind)")
    parser.add_argument("--parts", action="store_true", help="instructions of the parts of the run (valgrind)")
    parser.add_argument("--before", metavar="SRC", help="a source tree of newsdigest to run side by side")
    args = parser.parse_args()
    if not (BIN / "lede").exists():
        raise SystemExit("lede is not installed here: pip install lede==0.5.1 (for this benchmark only)")
    if (args.callgrind or args.parts) and shutil.which("valgrind") is None:
        raise SystemExit("--callgrind and --parts need valgrind")
    for tree in (ROOT / "src", *([Path(args.before)] if args.before else [])):
        compileall.compile_dir(tree, quiet=1)
    chosen = commands(args.before)
    wall: dict[str, list[float]] = {name: [] for name in chosen}
    cpu: dict[str, list[float]] = {name: [] for name in chosen}
    load = os.getloadavg()[0]
    for command, extra in chosen.values():  # warm the file cache
        run_once(command, extra)
    for _ in range(args.runs):
        for name, (command, extra) in chosen.items():
            seconds, used = run_once(command, extra)
            wall[name].append(seconds)
            cpu[name].append(used)
    lede = "`lede data/sample_article.txt`"
    base_wall, base_cpu = statistics.median(wall[lede]), statistics.median(cpu[lede])
    counts = {name: instructions(*chosen[name]) for name in chosen} if args.callgrind else {}
    print(
        f"Medians of {args.runs} interleaved runs; load average {load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end.\n"
    )
    print("| command | wall clock | / lede | CPU | / lede |" + (" instructions | / lede |" if counts else ""))
    print("| --- | ---: | ---: | ---: | ---: |" + (" ---: | ---: |" if counts else ""))
    for name in chosen:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        row = f"| {name} | {w * 1000:.0f} ms | {w / base_wall:.2f} | {c * 1000:.0f} ms | {c / base_cpu:.2f} |"
        if counts:
            row += f" {counts[name] / 1e6:,.0f} M | {counts[name] / counts[lede]:.2f} |"
        print(row)
    if args.parts:
        print("\n| process | instructions |\n| --- | ---: |")
        for name, code in PARTS.items():
            print(f"| {name} | {instructions([PYTHON, '-c', code], {}) / 1e6:,.0f} M |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

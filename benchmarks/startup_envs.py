"""Start-up of newsdigest in two or more environments, side by side, in one run.

Usage:
    .venv/bin/python benchmarks/startup_envs.py ENV_A/bin/python ENV_B/bin/python [--runs 21] [--lede PATH]

Each interpreter belongs to a virtual environment with newsdigest installed
(an editable install of this checkout in each, so that only the libraries
differ: for example one environment with typer 0.28 and one with typer 0.29).
For each environment it times, whole process, ``python -c pass``, the minimal
Typer + Rich + sumy CLI (benchmarks/sumy_cli.py) on the sample article,
``newsdigest --help``, ``newsdigest summarise --help`` and ``newsdigest
summarise`` on the sample article. All commands of all environments are
interleaved, so that the machine's noise hits them alike; the report gives
medians, and each newsdigest figure as a ratio of the sumy CLI run in the same
environment and in the first one. With ``--lede`` (the ``lede`` command of
lede 0.5.1, installed in a virtual environment of its own), ``lede`` on the
sample article is timed in the same rounds and ``newsdigest summarise`` is
also given as a ratio of it. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample_article.txt"
SUMY_CLI = ROOT / "benchmarks" / "sumy_cli.py"


def commands(python: str) -> dict[str, list[str]]:
    script = str(Path(python).with_name("newsdigest"))
    return {
        "python -c pass": [python, "-c", "pass"],
        "sumy CLI, sample": [python, str(SUMY_CLI), str(SAMPLE)],
        "newsdigest --help": [script, "--help"],
        "newsdigest summarise --help": [script, "summarise", "--help"],
        "newsdigest summarise, sample": [script, "summarise", str(SAMPLE)],
    }


def seconds(command: list[str]) -> float:
    env = {**os.environ, "NO_COLOR": "1"}
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT, check=True)
    return time.perf_counter() - started


def versions(python: str) -> str:
    code = "from importlib.metadata import version as v; print(*(f'{n} {v(n)}' for n in ('typer', 'rich')), sep=', ')"
    return subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pythons", nargs="+", help="the python of each virtual environment")
    parser.add_argument("--runs", type=int, default=21, help="runs per median")
    parser.add_argument("--lede", help="the lede command, to time on the sample article too")
    args = parser.parse_args()
    envs = {python: commands(python) for python in args.pythons}
    if args.lede:
        envs["lede"] = {"lede, sample": [args.lede, str(SAMPLE)]}
    times: dict[tuple[str, str], list[float]] = {}
    for table in envs.values():  # warm the file cache and write the bytecode
        for command in table.values():
            seconds(command)
    for _ in range(args.runs):
        for python, table in envs.items():
            for name, command in table.items():
                times.setdefault((python, name), []).append(seconds(command))
    median = {key: statistics.median(values) for key, values in times.items()}
    first = args.pythons[0]
    lede = median.get(("lede", "lede, sample"))
    print(f"Medians of {args.runs} interleaved runs; ratios against the sumy CLI (this environment / the first).\n")
    if lede is not None:
        print(f"lede 0.5.1 on the sample: {lede * 1000:.0f} ms\n")
    for python in args.pythons:
        own = median[(python, "sumy CLI, sample")]
        base = median[(first, "sumy CLI, sample")]
        print(f"{versions(python)}")
        for name in envs[python]:
            value = median[(python, name)]
            ratio = f"  ({value / own:.2f} / {value / base:.2f})" if name.startswith("newsdigest") else ""
            if lede is not None and name == "newsdigest summarise, sample":
                ratio += f", {value / lede:.2f} of lede"
            print(f"  {name:30} {value * 1000:6.0f} ms{ratio}")
        print()


if __name__ == "__main__":
    main()

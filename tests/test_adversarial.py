"""Linear time on any text: each adversarial shape at 200 KB digests well within a generous limit.

The limit (``LIMIT`` seconds of processor time a shape) is some ten times
what the shapes take, so only a quadratic regression fails it: before the
patterns were fixed, a 200 KB word, a line of punctuation, a run of periods
or of "@" each took over two minutes. Each digest runs in a child process
whose processor time the kernel limits (a backtracking pattern cannot be
interrupted from inside, and processor time does not depend on how busy the
machine is). ``benchmarks/adversarial.py`` gives the seconds per MB.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
import signal

import pytest

from .adversarial import shapes

SIZE = 200_000
LIMIT = 20
#: Wall-clock seconds to wait for the child however busy the machine is.
PATIENCE = 600
SHAPES = shapes(SIZE)


def _digest(text: str) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (LIMIT, LIMIT + 5))  # SIGXCPU ends the child at the limit
    from newsdigest import NewsdigestError, digest

    with contextlib.suppress(NewsdigestError):  # an input error is an answer too: no words outside links, say
        digest(text)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_an_adversarial_shape_digests_in_linear_time(name: str) -> None:
    text = SHAPES[name]()
    child = multiprocessing.get_context("fork").Process(target=_digest, args=(text,))
    child.start()
    child.join(PATIENCE)
    if child.is_alive():
        child.terminate()
        child.join()
    assert child.exitcode != -signal.SIGXCPU, f"{name}: {len(text):,} characters took over {LIMIT} s"
    assert child.exitcode == 0

"""Running a child process to which file modes apply, even when the tests run as root."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


def _drop_root_file_access() -> None:  # runs in the child, before exec
    """Stay uid 0 but lose the capabilities that let root ignore file modes."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def modes_apply() -> Callable[[], None] | None:
    """A ``preexec_fn`` under which the kernel enforces file modes on the child."""
    return _drop_root_file_access if os.geteuid() == 0 else None

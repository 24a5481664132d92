from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

from . import webserver

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

# Property tests: a quick profile for every run, and a long one for fuzzing
# (HYPOTHESIS_PROFILE=fuzz; see benchmarks/RESULTS.md, "Fuzzing").
settings.register_profile("default", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample_article.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden output files in tests/golden/ from the current code.",
    )


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def web_server() -> Iterator[webserver.Server]:
    """A real HTTP server on 127.0.0.1 in this test session (see tests/webserver.py)."""
    server, thread = webserver.start()
    with pytest.MonkeyPatch.context() as patch:
        # A proxy from the environment must not carry the requests off the machine.
        for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
            patch.delenv(name, raising=False)
        yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def web(web_server: webserver.Server) -> str:
    """The server's base URL, with no request recorded yet."""
    web_server.requests.clear()
    return f"http://127.0.0.1:{web_server.server_port}"


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[LocalCluster]:
    """A real local Dask cluster of 2 worker processes (one thread each), one per test module that asks."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0") as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(dask_cluster: LocalCluster) -> Iterator[Client]:
    from distributed import Client

    with Client(dask_cluster) as client:
        yield client

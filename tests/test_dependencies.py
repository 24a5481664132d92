"""Every distribution a path of the command imports is installed because pyproject.toml says so.

A path works today only by luck when a module it imports comes from a
distribution that nothing we declare requires, or that only another path's
dependency happens to bring: trafilatura's jusText imports ``lxml.html.clean``
(the separate project lxml_html_clean), asks for it only through the extra
``lxml[html_clean]``, which older pip cannot match against lxml's extra
``html-clean`` and skips with a warning, and it was installed only because
sumy, which the HTML path never imports, requires it.

The check, for each path: run it in a subprocess and map the modules it
imported (less those of a bare interpreter) to their distributions; take the
requirements pyproject.toml declares (no extras) whose distributions the path
imports, and follow their unconditional requirements (markers evaluated for
this interpreter, extras of dependencies not followed, since resolvers differ
on them). Every imported distribution must be reached, unless the path does
not need it: a dependency may import what happens to be installed (NLTK
imports scikit-learn when a training environment has it), so the path is run
again with those modules made unimportable, and must print the same. This reads the metadata
of what is installed, so it needs no network and no fresh environment; what it
cannot see is a requirement whose lower bound is too low.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, distribution, packages_distributions

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow

PAGE = ROOT / "tests" / "data" / "pages" / "article.html"
# The names in sys.modules at exit, as JSON on stdout (the command's own output goes to a file).
PROBE = """
import json, os, sys
sys.stdout = open(os.devnull, "w")
try:
    from newsdigest.cli import main
    sys.argv[0] = "newsdigest"
    main()
except SystemExit:
    pass
sys.__stdout__.write(json.dumps(sorted(sys.modules)))
"""


# The command with some top-level modules made unimportable (as if not installed); its stdout passes through.
WITHOUT = """
import sys
blocked = set(sys.argv.pop(1).split(","))

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in blocked:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Block())
from newsdigest.cli import main
sys.argv[0] = "newsdigest"
main()
"""


def declared() -> list[Requirement]:
    if sys.version_info >= (3, 11):
        import tomllib

        with (ROOT / "pyproject.toml").open("rb") as file:
            return [Requirement(line) for line in tomllib.load(file)["project"]["dependencies"]]
    from importlib.metadata import requires

    return [Requirement(line) for line in requires("newsdigest") or [] if "extra ==" not in line]


def imported_distributions(*args: str) -> set[str]:
    def modules(code: str, *argv: str) -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120, check=True, cwd=ROOT
        )
        return {name.split(".")[0] for name in json.loads(done.stdout)}

    bare = modules("import json, sys; print(json.dumps(sorted(sys.modules)))")
    owners = packages_distributions()
    found = {canonicalize_name(dist) for name in modules(PROBE, *args) - bare for dist in owners.get(name, [])}
    return found - {"newsdigest"}


def run_without(distributions: set[str], *args: str) -> subprocess.CompletedProcess[str]:
    owners = packages_distributions()
    modules = sorted(name for name, dists in owners.items() if {canonicalize_name(d) for d in dists} & distributions)
    return subprocess.run(
        [sys.executable, "-c", WITHOUT, ",".join(modules) or "-", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def unconditional_requirements(name: str) -> list[Requirement]:
    environment = {**default_environment(), "extra": ""}
    requirements = [Requirement(line) for line in distribution(name).requires or []]
    return [req for req in requirements if req.marker is None or req.marker.evaluate(environment)]


def reachable(roots: list[Requirement]) -> set[str]:
    seen: set[str] = set()
    todo = [canonicalize_name(req.name) for req in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        # A requirement that is not installed (a marker this interpreter does not meet): not imported either.
        with contextlib.suppress(PackageNotFoundError):
            todo.extend(canonicalize_name(req.name) for req in unconditional_requirements(name))
    return seen


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("summarise", str(PAGE)), id="html-page"),
        pytest.param(("summarise", str(SAMPLE)), id="text-default-method"),
        pytest.param(("summarise", "--method", "lsa", str(SAMPLE)), id="text-sumy-method"),
        pytest.param(("summarise", "--language", "de", str(SAMPLE)), id="text-other-language"),
    ],
)
def test_what_a_path_imports_is_reached_from_what_it_declares(args: tuple[str, ...]) -> None:
    used = imported_distributions(*args)
    roots = [req for req in declared() if canonicalize_name(req.name) in used]
    missing = used - reachable(roots)
    if missing:  # needed, or imported only because installed? The path must not change without them.
        plain, without = run_without(set(), *args), run_without(missing, *args)
        assert plain.returncode == 0, plain.stderr
        assert (without.returncode, without.stdout) == (0, plain.stdout), (
            f"imported, but no declared requirement of this path brings it: {sorted(missing)}\n{without.stderr}"
        )


def test_the_html_path_imports_lxml_html_clean_and_declares_it() -> None:
    # The case the check above exists for: without our own declaration, this path would rely on sumy.
    used = imported_distributions("summarise", str(PAGE))
    assert {"trafilatura", "justext", "lxml", "lxml-html-clean"} <= used
    assert "sumy" not in used
    assert "lxml-html-clean" in {canonicalize_name(req.name) for req in declared()}


def test_the_check_finds_a_distribution_that_only_an_extra_brings() -> None:
    # jusText asks for lxml_html_clean only through lxml's extra: from trafilatura alone it is not reached.
    assert "lxml-html-clean" not in reachable([Requirement("trafilatura")])
    assert {"justext", "lxml"} <= reachable([Requirement("trafilatura")])


def test_declared_requirements_have_lower_bounds_and_no_caps() -> None:
    # An upper cap needs a measured reason (README, Dependencies); none is needed today.
    for req in declared():
        operators = {spec.operator for spec in req.specifier}
        assert ">=" in operators, f"{req} has no lower bound"
        assert not operators & {"<", "<=", "==", "~="}, f"{req} is capped"


def test_a_path_run_without_what_it_needs_fails() -> None:
    # The exemption above is not vacuous: a module the path really needs, made unimportable, changes its result.
    args = ("summarise", "--method", "lsa", str(SAMPLE))
    plain, without = run_without(set(), *args), run_without({"sumy"}, *args)
    assert plain.returncode == 0
    assert (without.returncode, without.stdout) != (0, plain.stdout)

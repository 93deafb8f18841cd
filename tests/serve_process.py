"""`python build.py serve --port 0` run as a real process on a test project, its output read as it comes."""
from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

BUILD_PY = Path(__file__).resolve().parents[1] / "build.py"
WAIT = 60.0  # seconds: generous, since the machine may be busy; a test waits for a line, never for a time


def _interruptible() -> None:
    """In the child, before exec: Ctrl-C (SIGINT) acts as at a terminal. A shell starting the tests in the
    background (`make test &`, some CI runners) makes its children ignore SIGINT, and Python then never turns
    it into KeyboardInterrupt, so `stop()` would wait out its whole timeout."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class ServeProcess:
    def __init__(self, python: str, root: Path, *args: str):
        """`build.py serve` for the project at `root`, run by `python` (the `python` fixture: the test is marked
        `processes`)."""
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("GITHUB_ACTIONS", None)  # keep the output to the plain diagnostics
        self.proc = subprocess.Popen([python, str(BUILD_PY), "serve", "--root", str(root), *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                                     preexec_fn=_interruptible)
        self.output: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.url = ""
        self._ended = False  # the end of the output was read

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def wait_for(self, pattern: str) -> re.Match[str]:
        """The first line from now on that matches `pattern`; fails with the output so far if none comes."""
        deadline = time.monotonic() + WAIT
        while True:
            try:
                line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                self._ended = True
                raise AssertionError(f"serve never printed /{pattern}/; its output:\n" + "\n".join(self.output))
            self.output.append(line)
            found = re.search(pattern, line)
            if found:
                return found

    def start(self) -> "ServeProcess":
        """Wait until the site is served and the sources are watched; sets `url`."""
        self.url = self.wait_for(r"Serving the reader at (http://127\.0\.0\.1:\d+)/").group(1)
        self.wait_for(r"^Watching .* for changes\.$")
        return self

    def stop(self) -> int:
        """Ctrl-C, as a person at the terminal would; the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(timeout=WAIT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
        while not self._ended:  # the output ends when the process does
            line = self._lines.get(timeout=WAIT)
            self._ended = line is None
            if line is not None:
                self.output.append(line)
        return code

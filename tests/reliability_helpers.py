"""Shared pieces of the reliability tests (tests/test_reliability_*.py, RELIABILITY.md's checklist)."""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path | str | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m graphbuild ARGS`` as a user runs it."""
    return subprocess.run([sys.executable, "-m", "graphbuild", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def assert_clean_error(out: subprocess.CompletedProcess[str], code: int, *fragments: str) -> None:
    """The command failed with ``code``, one ``graphbuild: error:`` line naming every fragment, no traceback."""
    assert out.returncode == code, (out.returncode, out.stdout[-2000:], out.stderr[-2000:])
    assert "Traceback" not in out.stderr, out.stderr
    errors = [line for line in out.stderr.splitlines() if line.startswith("graphbuild: error:")]
    assert len(errors) == 1, out.stderr
    for fragment in fragments:
        assert fragment in errors[0], (fragment, errors[0])


class Loopback:
    """An HTTP server on 127.0.0.1 that records every request path (and answers an empty SPARQL result)."""

    def __init__(self) -> None:
        hits: list[str] = []
        self.hits = hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                hits.append(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def time_limit(seconds: int):
    """Fail the test (TimeoutError) when the block runs longer than ``seconds`` (SIGALRM; main thread only).
    Use a subprocess timeout instead where C code may hold the interpreter."""
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def children_of(pid: int) -> list[int]:
    """Direct child processes of ``pid`` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def gone(pid: int, within: float = 5.0) -> bool:
    """Whether process ``pid`` has exited (or is a zombie) within ``within`` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state in {"Z", "X"}:
            return True
        time.sleep(0.05)
    return False


def wait_for_module(pid: int, name: str, within: float = 120.0) -> bool:
    """Wait until process ``pid`` has mapped a file whose path contains ``name`` (a library is loaded)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if name in Path(f"/proc/{pid}/maps").read_text():
                return True
        except OSError:
            return False
        time.sleep(0.1)
    return False


def unshare_works() -> bool:
    """Whether a forked child may enter a new network namespace here (the query sandbox's backstop)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        ok = libc.unshare(0x10000000 | 0x40000000) == 0 or libc.unshare(0x40000000) == 0
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0

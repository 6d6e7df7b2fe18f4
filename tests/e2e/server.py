"""The demo registry served by a real server process on a scratch SQLite database.

Shared by the browser suite (``tests/e2e``) and the API fuzzing (``tests/fuzz``): both talk
HTTP to ``flask run`` on a free loopback port, as a person or a client would.
"""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLASK = str(Path(sys.executable).parent / "flask")
#: settings of the developer's shell that must not leak into the scratch server
_INHERITED_SETTINGS = ("REGISTRY_DATABASE_URL", "REGISTRY_SECRET_KEY", "REGISTRY_REDIS_URL",
                       "REGISTRY_IMPORT_STAGING_DIR", "FLASK_DEBUG", "FLASK_APP")


@dataclass(frozen=True)
class DemoServer:
    """A running demo registry: its address, its environment (for the CLI) and its log file."""

    url: str
    env: dict
    log: Path

    def cli(self, *args):
        """Run ``flask --app registry ARGS`` on the server's database; return its output."""
        return _flask(self.env, *args)

    def tracebacks(self):
        """Return the tracebacks the server logged, each with the request line before it."""
        lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        found, current = [], None
        for number, line in enumerate(lines):
            if line.startswith("Traceback"):
                current = [lines[number - 1]] if number else []
            if current is not None:
                current.append(line)
                if line and not line.startswith((" ", "Traceback")) and len(current) > 2:
                    found.append("\n".join(current))
                    current = None
        return found


def free_port():
    """Return a TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _flask(env, *args):
    result = subprocess.run([FLASK, "--app", "registry", *args], env=env, cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


#: the one account of a registry served empty (``demo_server(..., demo=False)``)
FIRST_ADMIN = "admin@kotacontoh.go.id"


@contextmanager
def demo_server(scratch, *, demo=True, settings=None):
    """Migrate a database in ``scratch``, load the demo (or only create the first admin of an
    empty registry), serve it; yield a :class:`DemoServer`. ``settings``: more environment
    (REGISTRY_REDIS_URL for a job queue, say).
    """
    scratch = Path(scratch)
    env = {k: v for k, v in os.environ.items() if k not in _INHERITED_SETTINGS}
    env |= {"REGISTRY_DATABASE_URL": f"sqlite:///{scratch / 'registry.sqlite'}",
            "REGISTRY_SECRET_KEY": "e2e-" + scratch.name,
            "REGISTRY_EVIDENCE_DIR": str(scratch / "evidence"),  # not the checkout's instance/
            # every journey signs in from 127.0.0.1 within a few minutes
            "REGISTRY_RATELIMIT_SIGN_IN": "1000 per minute"} | (settings or {})
    _flask(env, "db", "upgrade")
    if demo:
        _flask(env, "demo")
    else:
        from registry.services.demo import DEMO_PASSWORD

        _flask(env, "create-user", "--email", FIRST_ADMIN, "--name", "Admin Kota",
               "--role", "admin", "--password", DEMO_PASSWORD)
    port = free_port()
    log = scratch / "server.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [FLASK, "--app", "registry", "run", "--host", "127.0.0.1", "--port", str(port)],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(server, port, log)
        yield DemoServer(url=f"http://127.0.0.1:{port}", env=env, log=log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_for(server, port, log, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped at start:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not listen on port {port} within {seconds} s")

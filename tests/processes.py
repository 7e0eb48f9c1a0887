"""Real app server processes and a TCP gate in front of the database, for the tests that need
the app in another process: the database going away, two servers sharing one database."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
# This suite's own ports (8180-8189): five per xdist worker.
PORT_BASE = 8180 + 5 * int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


def database_url(*, port: int | None = None) -> str:
    """The URL of the test database pytest-django made, optionally through another port."""
    config = connection.settings_dict
    password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
    host = "127.0.0.1" if port else config["HOST"] or "127.0.0.1"
    port = port or config["PORT"] or 5432
    return f"postgis://{config['USER']}{password}@{host}:{port}/{config['NAME']}"


class AppServer:
    """`manage.py runserver --noreload` in its own process, serving static files itself."""

    def __init__(self, *, port: int, environment: dict[str, str]):
        self.url = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
        env.update(
            {
                "DEBUG": "0",
                "SECRET_KEY": "a-test-only-key-" + "x" * 40,
                "PYTHONUNBUFFERED": "1",
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                **environment,
            }
        )
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        output = []
        # Blocks until the server says it listens (or dies, when readline gives '').
        while line := self.process.stdout.readline():
            output.append(line)
            if "Quit the server with" in line:
                break
        else:
            self.stop()
            raise RuntimeError("the app server did not start:\n" + "".join(output))
        # Keep draining its output so that it never blocks on a full pipe.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


class TcpGate:
    """A TCP relay to the database that the test opens and shuts: shut, it drops every
    connection it carries and closes each new one at once, as a database that went away."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.is_open = True
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def shut(self) -> None:
        with self.lock:
            self.is_open = False
            for sock in self.connections:
                _close(sock)
            self.connections.clear()

    def open(self) -> None:
        with self.lock:
            self.is_open = True

    def close(self) -> None:
        self.shut()
        _close(self.listener)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            with self.lock:
                if not self.is_open:
                    _close(client)
                    continue
                try:
                    upstream = socket.create_connection(self.target)
                except OSError:
                    _close(client)
                    continue
                self.connections += [client, upstream]
            threading.Thread(target=_pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()


def _pump(source: socket.socket, destination: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            destination.sendall(data)
    except OSError:
        pass
    _close(source)
    _close(destination)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()

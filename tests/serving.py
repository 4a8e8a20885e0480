"""Real `heartwork serve` processes for the tests that need more than the test client.

The crash test and the two-process test start the server the way an operator does (a
subprocess in its own process group, gunicorn inside), talk to it over loopback with
http.client, and kill it. Each gets its own database: a SQLite file in a temporary data
directory, or, when the tests run on PostgreSQL (``DATABASE_URL`` set), a fresh database
on the same server, created and dropped here so pytest-django's test database is never
touched.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

START_TIMEOUT_S = 40.0
SERVE = (sys.executable, "-m", "heartwork", "serve", "--host", "127.0.0.1")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def scratch_database(data_dir: Path) -> Iterator[str | None]:
    """The DATABASE_URL for a throwaway database, or None for SQLite in ``data_dir``.

    On PostgreSQL the database is named test_serve_<random> (never pytest-django's own)
    and dropped at the end, even while a killed server's connections linger.
    """
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        yield None
        return
    import psycopg

    name = f"test_serve_{secrets.token_hex(4)}"
    admin = urlunsplit(urlsplit(base)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(base)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Deployment:
    """What several server processes share: the data dir, the database and the keys."""

    data_dir: Path
    database_url: str | None
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    master_key: str = field(
        default_factory=lambda: "1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    )

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("HEARTWORK_", "DJANGO_")) and key != "DATABASE_URL"
        }
        env.update(
            HEARTWORK_DATA_DIR=str(self.data_dir),
            HEARTWORK_SECRET_KEY=self.secret_key,
            HEARTWORK_MASTER_KEY=self.master_key,
            HEARTWORK_DEBUG="false",
            PYTHONUNBUFFERED="1",
        )
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env


class Server:
    """One `heartwork serve` process group on a free loopback port."""

    def __init__(self, deployment: Deployment, *, workers: int = 2) -> None:
        self.port = free_port()
        self.log = deployment.data_dir / f"server-{self.port}.log"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [*SERVE, "--port", str(self.port), "--workers", str(workers)],
                env=deployment.env(),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: kill() reaches the workers
            )
        self._wait_until_healthy()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited early:\n{self.output()}")
            try:
                if self.request("GET", "/healthz", timeout=2).status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"the server did not answer /healthz in time:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def connection(self, timeout: float = 10) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        timeout: float = 10,
    ) -> Reply:
        conn = self.connection(timeout)
        try:
            return send(conn, method, path, body=body, headers=headers)
        finally:
            conn.close()

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: no shutdown code runs."""
        with suppress(ProcessLookupError):  # already gone
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def cookies(self) -> dict[str, str]:
        found = {}
        for name, value in self.headers:
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                found[key.strip()] = val.strip()
        return found


def send(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    *,
    body: Any = None,
    headers: Mapping[str, str] | None = None,
) -> Reply:
    """One request on an open connection; a dict body goes as JSON, a str as a form."""
    sent = dict(headers or {})
    data: bytes | None = None
    if isinstance(body, dict):
        data = json.dumps(body).encode()
        sent.setdefault("Content-Type", "application/json")
    elif isinstance(body, str):
        data = body.encode()
        sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
    conn.request(method, path, body=data, headers=sent)
    response = conn.getresponse()
    return Reply(response.status, response.getheaders(), response.read())


@contextmanager
def running(deployment: Deployment, *, workers: int = 2) -> Iterator[Server]:
    server = Server(deployment, workers=workers)
    try:
        yield server
    finally:
        server.stop()


def sign_up(server: Server, email: str, password: str) -> dict[str, str]:
    """A new account through the API; returns the bearer headers for its token."""
    created = server.request(
        "POST", "/api/v1/auth/signup", body={"email": email, "password": password}
    )
    assert created.status == 201, created.body
    token = server.request(
        "POST", "/api/v1/auth/token", body={"email": email, "password": password}
    )
    assert token.status == 200, token.body
    return {"Authorization": f"Bearer {token.json()['token']}"}

"""`heartwork serve`: first start creates keys and the database, and the app answers."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

HEARTWORK = str(Path(sys.executable).parent / "heartwork")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _clean_env(data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("HEARTWORK_")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["HEARTWORK_DATA_DIR"] = str(data_dir)
    # A home of its own, so a test can see what serve leaves there (see below).
    env["HOME"] = str(data_dir.parent / "home")
    env.pop("XDG_RUNTIME_DIR", None)
    return env


def _get(url: str, data: bytes | None = None) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")  # noqa: S310
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (local URL)
        return response.status, json.loads(response.read())


class Server:
    def __init__(self, data_dir: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [HEARTWORK, "serve", "--port", str(self.port), "--workers", "1"],
            env=_clean_env(data_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited: {self.process.stderr.read()}")  # type: ignore[union-attr]
            try:
                if _get(f"{self.url}/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("serve did not answer within 60 seconds")

    def stop(self) -> str:
        self.process.send_signal(signal.SIGTERM)
        _, err = self.process.communicate(timeout=30)
        return err


@pytest.fixture
def started(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    data_dir = tmp_path / "data"  # does not exist yet: serve creates it
    server = Server(data_dir)
    try:
        server.wait_ready()
        yield server, data_dir
    finally:
        if server.process.poll() is None:
            server.stop()


def test_first_start_creates_a_private_data_dir_keys_and_a_migrated_database(
    started: tuple[Server, Path],
) -> None:
    server, data_dir = started
    assert _get(f"{server.url}/healthz") == (200, {"status": "ok"})
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for name in ("master.key", "secret.key"):
        mode = stat.S_IMODE((data_dir / name).stat().st_mode)
        assert mode == 0o600, f"{name} is readable by others: {oct(mode)}"
    status, body = _get(
        f"{server.url}/api/v1/auth/signup",
        json.dumps({"email": "first@example.org", "password": "a long enough passphrase"}).encode(),
    )
    assert status == 201 and body["email"] == "first@example.org"
    assert "BACK IT UP" in server.stop()


def test_two_servers_do_not_share_a_control_socket(started: tuple[Server, Path]) -> None:
    # Gunicorn's control socket sits at one path per user: a second `heartwork serve` would
    # take it over from the first. serve turns it off, so nothing appears in the home.
    _server, data_dir = started
    assert not (data_dir.parent / "home" / ".gunicorn").exists()


def test_a_second_start_keeps_the_same_keys_and_says_nothing_about_them(
    started: tuple[Server, Path],
) -> None:
    server, data_dir = started
    server.stop()
    key_before = (data_dir / "master.key").read_text()
    again = Server(data_dir)
    try:
        again.wait_ready()
    finally:
        log = again.stop()
    assert (data_dir / "master.key").read_text() == key_before
    assert "Created" not in log


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "99999"], "port must be 1-65535"),
        (["--port", "http"], "not a port number"),
        (["--workers", "0"], "must be 1 or more"),
    ],
)
def test_bad_options_exit_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = subprocess.run(
        [HEARTWORK, "serve", *args], env=_clean_env(tmp_path), capture_output=True, text=True
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "master.key").exists()

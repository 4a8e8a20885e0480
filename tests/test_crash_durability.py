"""A server killed with SIGKILL in the middle of concurrent writes loses nothing it confirmed.

The promise to the person writing: once the app said "saved" (a 201 with the entry's id),
the entry is on disk. The test starts `heartwork serve` (SQLite in WAL mode, or PostgreSQL
in the PostgreSQL run), lets several clients write journal entries at once, kills the whole
process group with SIGKILL while they are still writing, starts the server again on the
same data and reads back every entry that was confirmed: each must be there, word for word.
Writes cut off before their answer may or may not have landed; either is fine, as long as
nothing half-written shows up.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from pathlib import Path

from tests.serving import Deployment, Server, running, scratch_database, send, sign_up

WRITERS = 6
# Kill only once the writers are well under way (a fresh worker's first requests are
# slow), so the kill lands in the middle of steady writing rather than before it.
CONFIRMED_BEFORE_KILL = 5 * WRITERS
KILL_AFTER_S = 0.4
WARM_UP_TIMEOUT_S = 20.0
PASSWORD = "a long and unusual passphrase 42"


def entry_text(writer: int, count: int) -> tuple[str, str]:
    """The title and body writer ``writer`` sends as its ``count``-th entry."""
    title = f"writer {writer}, entry {count}"
    return title, f"Line one of {count} from {writer}.\nLine two: ünïcödé ✓ {count * 7}."


TITLE = re.compile(r"^writer (\d+), entry (\d+)$")


class Writer(threading.Thread):
    """Writes entries back to back on one keep-alive connection until the server dies."""

    def __init__(self, server: Server, auth: dict[str, str], number: int) -> None:
        super().__init__(daemon=True)
        self.server, self.auth, self.number = server, auth, number
        self.confirmed: dict[str, tuple[str, str]] = {}
        self.refused: list[int] = []

    def run(self) -> None:
        conn = self.server.connection(timeout=10)
        count = 0
        while True:
            count += 1
            title, body = entry_text(self.number, count)
            try:
                reply = send(
                    conn,
                    "POST",
                    "/api/v1/journal/entries",
                    body={"title": title, "body": body},
                    headers=self.auth,
                )
            except (OSError, http.client.HTTPException):
                return  # the server is gone: this write was never confirmed
            if reply.status == 201:
                self.confirmed[reply.json()["id"]] = (title, body)
            else:
                self.refused.append(reply.status)


def _write_then_kill(server: Server, auth: dict[str, str]) -> dict[str, tuple[str, str]]:
    writers = [Writer(server, auth, n) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    deadline = time.monotonic() + WARM_UP_TIMEOUT_S
    while time.monotonic() < deadline:
        if sum(len(writer.confirmed) for writer in writers) >= CONFIRMED_BEFORE_KILL:
            break
        time.sleep(0.05)
    time.sleep(KILL_AFTER_S)
    server.kill()
    for writer in writers:
        writer.join(timeout=15)
    assert not any(writer.is_alive() for writer in writers), "a writer outlived the server"
    assert [code for writer in writers for code in writer.refused] == []
    confirmed: dict[str, tuple[str, str]] = {}
    for writer in writers:
        confirmed.update(writer.confirmed)
    return confirmed


def test_every_confirmed_write_survives_a_sigkill_during_concurrent_writes(
    tmp_path: Path,
) -> None:
    with scratch_database(tmp_path) as database_url:
        deployment = Deployment(tmp_path, database_url)
        first = Server(deployment)
        try:
            auth = sign_up(first, "crash@example.org", PASSWORD)
            confirmed = _write_then_kill(first, auth)
        finally:
            first.kill()
        assert len(confirmed) >= CONFIRMED_BEFORE_KILL, "too few writes landed to test anything"

        with running(deployment) as second:
            conn = second.connection()
            missing, changed = [], []
            for entry_id, (title, body) in confirmed.items():
                reply = send(conn, "GET", f"/api/v1/journal/entries/{entry_id}", headers=auth)
                if reply.status != 200:
                    missing.append((entry_id, reply.status))
                elif (reply.json()["title"], reply.json()["body"]) != (title, body):
                    changed.append(entry_id)
            stored = _every_entry(conn, auth)
            conn.close()

        assert missing == []
        assert changed == []
        # Writes cut off before their answer may have landed too; if so, whole.
        assert set(stored) >= set(confirmed)
        torn = []
        for entry_id, (title, body) in stored.items():
            found = TITLE.match(title)
            if found is None or entry_text(int(found[1]), int(found[2])) != (title, body):
                torn.append(entry_id)
        assert torn == []


def _every_entry(
    conn: http.client.HTTPConnection, auth: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """Every stored entry through the API (each one decrypted by the server on the way)."""
    stored: dict[str, tuple[str, str]] = {}
    while True:
        path = f"/api/v1/journal/entries?limit=100&offset={len(stored)}"
        page = send(conn, "GET", path, headers=auth)
        assert page.status == 200, page.body[:300]
        items = page.json()["items"]
        stored.update({item["id"]: (item["title"], item["body"]) for item in items})
        if not items or len(stored) >= page.json()["count"]:
            return stored

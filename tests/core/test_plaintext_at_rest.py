"""What someone who copies the database file or a dump would see: no journal text."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from django.db import connection
from django.test import Client

from tests.conftest import Persona

MARKER_TITLE = "Zanzibar evening"
MARKER_BODY = "the quokka-shaped secret I never told anyone"


def _write_through_api(client: Client, persona: Persona) -> None:
    response = client.post(
        "/api/v1/journal/entries",
        {"title": MARKER_TITLE, "body": MARKER_BODY},
        content_type="application/json",
        headers=persona.auth,
    )
    assert response.status_code == 201
    # Sanity: the owner gets the text back, so the markers really were stored.
    assert response.json()["body"] == MARKER_BODY


def _assert_no_plaintext(dump: bytes) -> None:
    for marker in (MARKER_TITLE, MARKER_BODY, "quokka", "Zanzibar"):
        assert marker.encode() not in dump
        assert marker.encode("utf-16-le") not in dump


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_the_raw_sqlite_database_contains_no_journal_text(alex: Persona, api: Client) -> None:
    _write_through_api(api, alex)
    image = connection.connection.serialize()  # the whole database file, as bytes
    assert b"journal_entry" in image
    _assert_no_plaintext(image)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_dump_contains_no_journal_text(api: Client) -> None:
    from tests.conftest import make_persona

    persona = make_persona("dump@example.org")
    _write_through_api(api, persona)
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "pg_dump is needed to prove what a database dump contains"
    params = connection.get_connection_params()
    env = dict(os.environ, PGPASSWORD=str(params.get("password") or ""))
    command = [pg_dump, "--no-owner", "--dbname", str(params["dbname"])]
    for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key):
            command += [flag, str(params[key])]
    dump = subprocess.run(command, env=env, capture_output=True, check=True).stdout
    assert b"journal_entry" in dump
    _assert_no_plaintext(dump)

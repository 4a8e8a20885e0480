"""Two web processes on one database behave as one site (docs/deploy.md, scaling out).

Nothing a request needs lives in a web process: sessions are rows in the database, CSRF
tokens and session cookies are signed with the shared secret, and encrypted text is read
with the shared master key. So a person can log in through one process, be served by
another on the next request, write there, and read it back through the first. The test
starts two `heartwork serve` processes on the same SQLite file (WAL), or on the same
PostgreSQL database in the PostgreSQL run, and does exactly that through the HTML pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

from tests.serving import Deployment, Reply, Server, running, scratch_database, sign_up

PASSWORD = "a long and unusual passphrase 42"
EMAIL = "two@example.org"
TOKEN_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """Cookies kept across servers, as a browser behind a load balancer keeps them."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def go(
        self, server: Server, method: str, path: str, form: dict[str, str] | None = None
    ) -> Reply:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if form is not None:
            # Django checks the Origin of a form POST against the host it answers as.
            headers["Origin"] = f"http://127.0.0.1:{server.port}"
        body = urlencode(form) if form is not None else None
        reply = server.request(method, path, body=body, headers=headers)
        self.cookies.update(reply.cookies())
        return reply

    def form_token(self, server: Server, path: str) -> str:
        page = self.go(server, "GET", path)
        assert page.status == 200, (path, page.status)
        found = TOKEN_FIELD.search(page.body)
        assert found is not None, f"no CSRF token on {path}"
        return found.group(1).decode()


def _location(reply: Reply) -> str:
    return dict((k.lower(), v) for k, v in reply.headers)["location"]


def test_a_session_and_a_write_work_across_two_web_processes(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as database_url:
        deployment = Deployment(tmp_path, database_url)
        # The first migrates; the second finds nothing to do.
        with running(deployment, workers=1) as a, running(deployment, workers=1) as b:
            sign_up(a, EMAIL, PASSWORD)
            browser = Browser()

            token = browser.form_token(a, "/accounts/login/")
            login = browser.go(
                a,
                "POST",
                "/accounts/login/",
                {"csrfmiddlewaretoken": token, "username": EMAIL, "password": PASSWORD},
            )
            assert login.status == 302, login.body[:500]
            assert "sessionid" in browser.cookies

            # B knows the session A created: the account page answers instead of the login.
            account = browser.go(b, "GET", "/accounts/")
            assert account.status == 200
            assert EMAIL.encode() in account.body

            token = browser.form_token(b, "/journal/new/")
            written = browser.go(
                b,
                "POST",
                "/journal/new/",
                {
                    "csrfmiddlewaretoken": token,
                    "title": "Written on B",
                    "body": "Read back on A, word for word.",
                    "stage": "",
                },
            )
            assert written.status == 302, written.body[:500]

            entry = browser.go(a, "GET", _location(written))
            assert entry.status == 200
            assert b"Written on B" in entry.body
            assert b"Read back on A, word for word." in entry.body


def test_logging_out_on_one_process_ends_the_session_on_the_other(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as database_url:
        deployment = Deployment(tmp_path, database_url)
        with running(deployment, workers=1) as a, running(deployment, workers=1) as b:
            sign_up(a, EMAIL, PASSWORD)
            browser = Browser()
            token = browser.form_token(a, "/accounts/login/")
            browser.go(
                a,
                "POST",
                "/accounts/login/",
                {"csrfmiddlewaretoken": token, "username": EMAIL, "password": PASSWORD},
            )
            session = browser.cookies["sessionid"]

            token = browser.form_token(b, "/accounts/")
            out = browser.go(b, "POST", "/accounts/logout/", {"csrfmiddlewaretoken": token})
            assert out.status == 302

            # Replaying the old cookie on A: the session row is gone for every process.
            browser.cookies["sessionid"] = session
            again = browser.go(a, "GET", "/accounts/")
            assert again.status == 302
            assert "/accounts/login/" in _location(again)

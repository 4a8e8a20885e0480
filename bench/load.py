"""A bounded load test: requests per second and latency of a running Heartwork over loopback.

Run with ``make bench-load`` (or ``.venv/bin/python bench/load.py --help``). Not a test: it
prints numbers (docs/benchmarks.md). By default it starts `heartwork serve` itself, on a
free loopback port with a throwaway data directory (SQLite; ``--database-url`` for a
PostgreSQL database you made for it), seeds a few accounts through the API the way the
app is used (sign-up, a token, a partner, the safety check, a browser log-in), then:

1. the **floor**: every client calls ``/healthz`` (one ``SELECT 1``) as fast as it can,
   so the numbers below can be read against what this machine does with no app work;
2. a **warm-up** with the mix, not counted;
3. the **mix**, counted: 40% the home page (the dashboard, HTML, with the session cookie),
   20% a check-in (API), 20% a journal entry (API), 20% a message for the coach (API).

The load is bounded: ``--clients`` threads, each with one keep-alive connection, send one
request at a time for ``--duration`` seconds (closed loop), so the server is never asked
for more than it can answer. Prints requests per second, p50/p95/p99 per kind and overall,
and every error (a 429 from the rate limits counts apart). Standard library only.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import platform
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

PASSWORD = "load test passphrase, long enough 42"  # noqa: S105 (throwaway accounts)
MIX = (("dashboard", 40), ("check-in", 20), ("journal", 20), ("coach", 20))
NOTES = (
    "Slept badly, better after lunch.",
    "Walked to the river and back.",
    "A quiet day, which was fine.",
    "Missed them in the evening; it passed.",
)
JOURNAL = (
    "I noticed I checked my phone less today. The walk this morning cleared my head, "
    "and work kept me busy until the evening.",
    "Some days the quiet in the flat feels heavy. I called my sister and we laughed about "
    "the summer we painted the kitchen.",
    "I wrote down what I want for myself this year. Most of it is small: sleep, friends, "
    "the garden, being calmer when I feel criticised.",
)
MESSAGES = (
    "I know the last weeks were hard for both of us. I would like to talk on Sunday if "
    "you are up for it, and I am fine if you need more time.",
    "You never listen to me and you always make everything about you.",
    "Thank you for taking the kids on Friday. Could we agree on the pick-up time for next "
    "week by Wednesday?",
)
SERVE = (sys.executable, "-m", "heartwork", "serve", "--host", "127.0.0.1")
TOKEN_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


# -- talking to the server ----------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: bytes
    cookies: dict[str, str]


class Conn:
    """One keep-alive connection; reconnects after the server closed it."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.http = http.client.HTTPConnection(host, port, timeout=30)

    def send(self, method: str, path: str, body: Any = None, headers: Any = None) -> Reply:
        sent = dict(headers or {})
        data = None
        if isinstance(body, dict):
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        elif isinstance(body, str):
            data = body.encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.http.request(method, path, body=data, headers=sent)
                response = self.http.getresponse()
                payload = response.read()
                break
            except (ConnectionError, http.client.RemoteDisconnected):
                self.http.close()
                self.http = http.client.HTTPConnection(self.host, self.port, timeout=30)
                if attempt == 2:
                    raise
        cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.split(";", 1)[0].partition("=")
                cookies[key.strip()] = rest.strip()
        return Reply(response.status, payload, cookies)


# -- starting a server --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _server_env(data_dir: str, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTWORK_")}
    env.pop("DATABASE_URL", None)
    env.update(
        HEARTWORK_DATA_DIR=data_dir,
        HEARTWORK_SECRET_KEY=secrets.token_urlsafe(48),
        HEARTWORK_MASTER_KEY="1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        # Seeding signs up and logs in many accounts from one address in seconds; the
        # limits the mix meets (the coach's) stay as shipped.
        HEARTWORK_RATE_LIMIT_SIGNUP="off",
        HEARTWORK_RATE_LIMIT_LOGIN="off",
        HEARTWORK_RATE_LIMIT_TOKEN="off",  # noqa: S106 (a rate limit, not a password)
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@contextmanager
def own_server(workers: int, database_url: str | None) -> Iterator[str]:
    """`heartwork serve` in its own process group; yields its base URL."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="heartwork-load-") as data_dir:
        log = open(os.path.join(data_dir, "server.log"), "wb")  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            [*SERVE, "--port", str(port), "--workers", str(workers)],
            env=_server_env(data_dir, database_url),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_healthy(port, process)
            yield f"http://127.0.0.1:{port}"
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
            log.close()


def _wait_healthy(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited while starting; see its log")
        try:
            if Conn("127.0.0.1", port).send("GET", "/healthz").status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer /healthz within 60 s")


# -- seeding accounts ---------------------------------------------------------------------


@dataclass
class Account:
    email: str
    auth: dict[str, str]
    cookie: str


def _ok(reply: Reply, what: str) -> Any:
    if reply.status >= 300:
        raise SystemExit(f"seeding failed at {what}: {reply.status} {reply.body[:200]!r}")
    return json.loads(reply.body) if reply.body else None


def _safety_check(conn: Conn, auth: dict[str, str]) -> None:
    """Name a partner and answer every screen with nothing to report, so the coach and
    the reconnection pages are open, as they are for most people."""
    partner = _ok(conn.send("POST", "/api/v1/partners", {"name": "Robin"}, auth), "partner")
    screens = _ok(conn.send("GET", "/api/v1/safety/screens", headers=auth), "screens")
    for found in screens["screens"]:
        answers = {item["id"]: "no" for item in found["items"] if not item["ask_if"]}
        payload: dict[str, Any] = {"answers": answers}
        if found["scope"] == "partner":
            payload["partner_id"] = partner["id"]
        _ok(conn.send("POST", f"/api/v1/safety/screens/{found['id']}", payload, auth), found["id"])


def _browser_login(conn: Conn, email: str) -> str:
    page = conn.send("GET", "/accounts/login/")
    token = TOKEN_FIELD.search(page.body)
    if token is None:
        raise SystemExit("no CSRF token on the log-in page")
    form = {"csrfmiddlewaretoken": token.group(1).decode(), "username": email}
    form["password"] = PASSWORD
    headers = {
        "Cookie": f"csrftoken={page.cookies.get('csrftoken', '')}",
        "Origin": f"http://{conn.host}:{conn.port}",
    }
    reply = conn.send("POST", "/accounts/login/", urlencode(form), headers)
    if reply.status != 302 or "sessionid" not in reply.cookies:
        raise SystemExit(f"browser log-in failed: {reply.status}")
    return f"sessionid={reply.cookies['sessionid']}"


def seed_accounts(conn: Conn, count: int) -> list[Account]:
    run = secrets.token_hex(3)
    accounts = []
    for n in range(count):
        email = f"load-{run}-{n}@example.org"
        creds = {"email": email, "password": PASSWORD}
        _ok(conn.send("POST", "/api/v1/auth/signup", creds), "signup")
        token = _ok(conn.send("POST", "/api/v1/auth/token", creds), "token")["token"]
        auth = {"Authorization": f"Bearer {token}"}
        _safety_check(conn, auth)
        accounts.append(Account(email, auth, _browser_login(conn, email)))
    return accounts


# -- the load -----------------------------------------------------------------------------


Request = Callable[[Conn, Account, random.Random], Reply]


def _dashboard(conn: Conn, who: Account, rng: random.Random) -> Reply:
    return conn.send("GET", "/", headers={"Cookie": who.cookie})


def _checkin(conn: Conn, who: Account, rng: random.Random) -> Reply:
    body = {"mood": rng.randint(1, 5), "sleep_hours": 7.5, "note": rng.choice(NOTES)}
    return conn.send("POST", "/api/v1/checkin", body, who.auth)


def _journal(conn: Conn, who: Account, rng: random.Random) -> Reply:
    body = {"title": "Today", "body": rng.choice(JOURNAL)}
    return conn.send("POST", "/api/v1/journal/entries", body, who.auth)


def _coach(conn: Conn, who: Account, rng: random.Random) -> Reply:
    body = {"text": rng.choice(MESSAGES), "kind": "auto"}
    return conn.send("POST", "/api/v1/coach/analyze", body, who.auth)


def _healthz(conn: Conn, who: Account, rng: random.Random) -> Reply:
    return conn.send("GET", "/healthz")


REQUESTS: dict[str, Request] = {
    "dashboard": _dashboard,
    "check-in": _checkin,
    "journal": _journal,
    "coach": _coach,
    "healthz": _healthz,
}


@dataclass
class Sample:
    kind: str
    ms: float
    status: int  # 0: no answer (the connection failed)


@dataclass
class Phase:
    name: str
    seconds: float
    samples: list[Sample] = field(default_factory=list)


def _client(
    host: str, port: int, who: Account, mix: Sequence[tuple[str, int]], until: float, seed: int
) -> list[Sample]:
    rng = random.Random(seed)
    kinds = [kind for kind, _ in mix]
    weights = [weight for _, weight in mix]
    conn = Conn(host, port)
    samples = []
    clock = time.perf_counter
    while clock() < until:
        kind = rng.choices(kinds, weights)[0]
        started = clock()
        try:
            status = REQUESTS[kind](conn, who, rng).status
        except (OSError, http.client.HTTPException):
            status = 0
        samples.append(Sample(kind, (clock() - started) * 1000, status))
    conn.http.close()
    return samples


def drive(
    url: str, accounts: Sequence[Account], clients: int, mix: Sequence[tuple[str, int]], s: float
) -> Phase:
    """``clients`` threads, client i acting as account i mod len(accounts), for s seconds."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    until = time.perf_counter() + s
    results: list[list[Sample]] = [[] for _ in range(clients)]

    def work(i: int) -> None:
        results[i] = _client(host, port, accounts[i % len(accounts)], mix, until, i)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase = Phase("mix", time.perf_counter() - started)
    phase.samples = [sample for part in results for sample in part]
    return phase


# -- reporting ----------------------------------------------------------------------------


def _cut(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def summarise(phase: Phase) -> list[dict[str, Any]]:
    kinds = sorted({s.kind for s in phase.samples}, key=lambda k: list(REQUESTS).index(k))
    rows = []
    for kind in [*kinds, "all"]:
        chosen = [s for s in phase.samples if kind in ("all", s.kind)]
        times = [s.ms for s in chosen]
        rows.append(
            {
                "kind": kind,
                "requests": len(chosen),
                "rps": round(len(chosen) / phase.seconds, 1),
                "p50_ms": round(_cut(times, 50), 1),
                "p95_ms": round(_cut(times, 95), 1),
                "p99_ms": round(_cut(times, 99), 1),
                "errors": sum(1 for s in chosen if s.status == 0 or s.status >= 400)
                - sum(1 for s in chosen if s.status == 429),
                "rate_limited": sum(1 for s in chosen if s.status == 429),
            }
        )
    return rows


def print_rows(title: str, rows: Sequence[dict[str, Any]]) -> None:
    print(f"\n{title}")
    print(f"{'kind':<11}{'requests':>9}{'req/s':>9}{'p50':>10}{'p95':>10}{'p99':>10}  errors")
    for r in rows:
        limited = f" (+{r['rate_limited']} rate-limited)" if r["rate_limited"] else ""
        print(
            f"{r['kind']:<11}{r['requests']:>9}{r['rps']:>9.1f}{r['p50_ms']:>7.1f} ms"
            f"{r['p95_ms']:>7.1f} ms{r['p99_ms']:>7.1f} ms  {r['errors']}{limited}"
        )


def error_kinds(phase: Phase) -> dict[str, int]:
    found: dict[str, int] = {}
    for s in phase.samples:
        if s.status == 0 or (s.status >= 400 and s.status != 429):
            key = f"{s.kind} {s.status or 'no answer'}"
            found[key] = found.get(key, 0) + 1
    return found


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load}"
    )


# -- main ---------------------------------------------------------------------------------


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--url",
        help="a running server (http://127.0.0.1:8000); its rate limits for sign-up and "
        "log-in must allow --accounts new accounts",
    )
    parser.add_argument(
        "--database-url",
        help="for the server this starts: a PostgreSQL database made for the bench "
        "(its data is left there)",
    )
    parser.add_argument("--workers", type=int, default=2, help="server processes (2)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--accounts", type=int, default=8, help="accounts seeded (8)")
    parser.add_argument("--duration", type=float, default=30, help="seconds of the mix (30)")
    parser.add_argument("--warmup", type=float, default=5, help="seconds not counted (5)")
    parser.add_argument("--floor", type=float, default=10, help="seconds of /healthz (10)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    if min(args.workers, args.clients, args.accounts) < 1 or args.duration <= 0:
        parser.error("--workers, --clients and --accounts must be 1 or more, --duration > 0")
    return args


def run(url: str, args: argparse.Namespace) -> dict[str, Any]:
    parts = urlsplit(url)
    conn = Conn(parts.hostname or "127.0.0.1", parts.port or 80)
    started = time.perf_counter()
    accounts = seed_accounts(conn, args.accounts)
    seeded_s = time.perf_counter() - started
    floor = drive(url, accounts, args.clients, (("healthz", 1),), args.floor)
    if args.warmup > 0:
        drive(url, accounts, args.clients, MIX, args.warmup)
    mix = drive(url, accounts, args.clients, MIX, args.duration)
    return {
        "machine": machine(),
        "url": url if args.url else "own server (heartwork serve on loopback)",
        "database": "PostgreSQL" if args.database_url else ("?" if args.url else "SQLite"),
        "workers": None if args.url else args.workers,
        "clients": args.clients,
        "accounts": args.accounts,
        "seeding_s": round(seeded_s, 1),
        "floor": summarise(floor),
        "mix": summarise(mix),
        "mix_seconds": round(mix.seconds, 1),
        "errors": error_kinds(mix),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.url:
        numbers = run(args.url.rstrip("/"), args)
    else:
        with own_server(args.workers, args.database_url) as url:
            numbers = run(url, args)
    if args.json:
        print(json.dumps(numbers, indent=2))
        return 0
    print(numbers["machine"])
    print(
        f"{numbers['url']}, {numbers['database']}, {numbers['workers'] or '?'} server "
        f"processes, {numbers['clients']} clients, {numbers['accounts']} accounts "
        f"(seeded in {numbers['seeding_s']} s)"
    )
    print_rows(f"floor: /healthz for {args.floor:g} s", numbers["floor"])
    print_rows(
        f"mix: {', '.join(f'{w}% {k}' for k, w in MIX)} for {numbers['mix_seconds']} s",
        numbers["mix"],
    )
    if numbers["errors"]:
        print("errors:", ", ".join(f"{k}: {n}" for k, n in numbers["errors"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The dashboard and the charts when PostgreSQL holds 100,000 people and 10 million rows.

Run with ``make bench-scale DATABASE_URL=postgresql://user@host:5432/any`` (or
``.venv/bin/python bench/scale.py --help``). Not a test: it prints numbers
(docs/benchmarks.md). PostgreSQL only: on SQLite it stops with a one-line reason.

It drops and creates its own database, ``heartwork_scale``, on the server ``DATABASE_URL``
points at (never the database named there), migrates it, and seeds it with ``--users``
accounts (default 100,000) and ``--rows`` tracker and journal rows (default 10,000,000),
spread evenly: per person, consecutive daily check-ins, urges, social media checks, trust
ledger entries and journal entries, in these shares: 35/20/15/15/15 %.

Every row is built as a model instance and turned into column values by the model's own
fields, so the text in it (the check-in answers, an urge's trigger and what was done
instead, a trust note, a journal title and body) is encrypted for real, per row, with the
person's own data key, exactly as the app stores it. Rows go in with ``COPY``, in chunks of
people, from ``--jobs`` processes. The wrapped data keys use a master key made for the run;
nothing seeded can be read after the run, and the database is dropped unless ``--keep``.

Measured, in process with Django's test client (logged in): the home page (the
dashboard) and every chart, for ``--sample`` people who also did the safety check, twice:
once when only the first chunk of people is in the database ("small tables"), and again
once everyone is ("full tables"). The two p95 side by side say whether the pages depend
on the size of the tables (a missing index) or only on the person's own rows.
"""

from __future__ import annotations

import argparse
import base64
import gc
import multiprocessing
import os
import platform
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

DATABASE = "heartwork_scale"
PAGES = (
    "/",
    "/api/v1/charts/mood.svg",
    "/api/v1/charts/days-since-contact.svg",
    "/api/v1/charts/urges.svg",
    "/api/v1/charts/trust.svg",
    "/api/v1/charts/wellbeing.svg",
)
SHARES = (("checkins", 35), ("urges", 20), ("social", 15), ("trust", 15), ("journal", 15))
CHUNK = 500  # people per COPY transaction
NOTES = ("Slept badly.", "A good walk.", "Tired but calm.", "", "", "Called my sister.")
TRIGGERS = ("A song on the radio.", "Sunday evening alone.", "Saw their coat.", "")
INSTEAD = ("Went for a walk.", "Texted a friend.", "Made tea and waited.", "")
TITLES = ("Today", "A hard evening", "Small steps", "What I noticed")
SENTENCES = (
    "I woke up early and could not get back to sleep.",
    "The walk this morning cleared my head.",
    "Work was busy, which kept my mind off things.",
    "I noticed I checked my phone less today.",
    "My friend listened without judging, and that helped.",
    "The urge came and went, and I did not act on it.",
)


# -- the database -------------------------------------------------------------------------


def scale_url(server_url: str, name: str = DATABASE) -> str:
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def recreate(server_url: str) -> None:
    import psycopg

    with psycopg.connect(scale_url(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")


def drop(server_url: str) -> None:
    import psycopg

    with psycopg.connect(scale_url(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def configure(database_url: str, data_dir: str) -> None:
    """Settings for the scale database, production mode, throwaway keys; then Django."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="heartwork.settings",
        HEARTWORK_DATA_DIR=data_dir,
        HEARTWORK_DEBUG="false",
        HEARTWORK_ALLOWED_HOSTS="testserver",
        HEARTWORK_SECRET_KEY=secrets.token_urlsafe(48),
        HEARTWORK_MASTER_KEY="1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        DATABASE_URL=database_url,
    )
    for name in ("HEARTWORK_SECRET_KEY_FILE", "HEARTWORK_MASTER_KEY_FILE"):
        os.environ.pop(name, None)
    import django

    django.setup()


# -- building rows ------------------------------------------------------------------------


def _values(obj: Any) -> list[Any]:
    """The row as the database stores it: each field's own pre_save and adaptation, so
    encrypted fields encrypt with the owner's data key and the row's id."""
    from django.db import connections

    # The wrapper itself, not the ``connection`` proxy: a lookup per field adds up.
    db = connections["default"]
    return [
        field.get_db_prep_save(field.pre_save(obj, True), db) for field in obj._meta.concrete_fields
    ]


def _person(n: int, now: datetime) -> tuple[Any, Any]:
    from heartwork.accounts.models import User
    from heartwork.core import crypto
    from heartwork.core.keys import keyring
    from heartwork.core.models import DataKey

    key = DataKey(created_at=now)
    key.kek_id, key.wrapped = crypto.wrap_data_key(
        keyring(), crypto.new_data_key(), owner=str(key.id)
    )
    user = User(email=f"person{n}@scale.example", data_key=key, date_joined=now)
    user.set_unusable_password()
    return key, user


def _counts(per_person: int) -> dict[str, int]:
    counts = {kind: per_person * share // 100 for kind, share in SHARES}
    counts["checkins"] += per_person - sum(counts.values())
    return counts


def _rows(user: Any, counts: dict[str, int], rng: random.Random, now: datetime) -> Iterable[Any]:
    """One person's tracker and journal rows, newest first, one check-in a day."""
    from heartwork.checkin.models import CheckIn
    from heartwork.checkin.rules import Answers
    from heartwork.journal.models import Entry as JournalEntry
    from heartwork.space.models import SocialCheck, Urge
    from heartwork.trust.models import Entry as TrustEntry

    today = now.date()
    for i in range(counts["checkins"]):
        checkin = CheckIn(user=user, day=today - timedelta(days=i), created_at=now, updated_at=now)
        mood, sleep = rng.randint(1, 5), rng.choice((6.0, 7.0, 7.5, 8.0))
        checkin.set_answers(Answers(mood=mood, sleep_hours=sleep, note=rng.choice(NOTES)))
        yield checkin
    for i in range(counts["urges"]):
        at = now - timedelta(hours=7 * i + 1)
        trigger, instead = rng.choice(TRIGGERS), rng.choice(INSTEAD)
        yield Urge(user=user, at=at, strength=rng.randint(1, 10), trigger=trigger, instead=instead)
    for i in range(counts["social"]):
        yield SocialCheck(user=user, at=now - timedelta(hours=9 * i + 2), created_at=now)
    for i in range(counts["trust"]):
        day = today - timedelta(days=i)
        note = rng.choice(NOTES) or None
        yield TrustEntry(user=user, direction="deposit", kind="kept_word", day=day, note=note)
    for i in range(counts["journal"]):
        body = " ".join(rng.sample(SENTENCES, 3))
        at = now - timedelta(days=i, hours=2)
        yield JournalEntry(user=user, title=rng.choice(TITLES), body=body, created_at=at)


def _copy(conn: Any, model: Any, rows: Sequence[list[Any]]) -> None:
    if not rows:
        return
    columns = ", ".join(f'"{field.column}"' for field in model._meta.concrete_fields)
    with conn.cursor().copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def seed_chunk(args: tuple[str, int, int, int, int]) -> int:
    """People ``first`` to ``last - 1``, each with ``per_person`` rows, in one transaction."""
    import psycopg

    url, first, last, per_person, seed = args
    now = datetime.now(UTC).replace(microsecond=0)
    rng = random.Random(seed * 1_000_003 + first)
    counts = _counts(per_person)
    by_model: dict[Any, list[list[Any]]] = {}
    keys, users = [], []
    for n in range(first, last):
        key, user = _person(n, now)
        keys.append(_values(key))
        users.append(_values(user))
        for obj in _rows(user, counts, rng, now):
            by_model.setdefault(type(obj), []).append(_values(obj))
    with psycopg.connect(url) as conn:
        _copy(conn, type(key), keys)
        _copy(conn, type(user), users)
        for model, rows in by_model.items():
            _copy(conn, model, rows)
    return sum(len(rows) for rows in by_model.values())


def seed(url: str, first: int, last: int, per_person: int, jobs: int, seed_: int) -> int:
    """People ``first`` to ``last - 1`` in chunks, ``jobs`` processes at a time."""
    from django.db import connections

    chunks = [
        (url, start, min(start + CHUNK, last), per_person, seed_)
        for start in range(first, last, CHUNK)
    ]
    connections.close_all()  # the children must not share this process's connection
    if jobs == 1:
        return sum(map(seed_chunk, chunks))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return sum(pool.imap_unordered(seed_chunk, chunks))


def analyze(url: str) -> None:
    """Fresh planner statistics, as autovacuum would gather them after a bulk load."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


# -- measuring ----------------------------------------------------------------------------


def prepare_sample(count: int) -> list[Any]:
    """The first ``count`` people, each with a partner and the safety check answered (as
    most people have), so the home page shows what it shows to them."""
    from heartwork.accounts.models import User
    from heartwork.partners.services import add_partner
    from heartwork.safety.screens import screen
    from heartwork.safety.services import record_screen

    users = list(User.objects.select_related("data_key").order_by("email")[:count])
    for user in users:
        if user.partners.exists() if hasattr(user, "partners") else False:
            continue
        partner = add_partner(user=user, name="Robin")
        for screen_id in ("device", "mood", "contact", "harm", "mirror"):
            found = screen(screen_id)
            record_screen(
                user=user,
                screen_id=screen_id,
                answers={item.id: "no" for item in found.items},
                partner=partner if found.scope == "partner" else None,
            )
    return users


def time_pages(users: Sequence[Any], rounds: int) -> dict[str, dict[str, float]]:
    """p50/p95 (ms) and queries of each page over every sampled person and round."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = []
    for user in users:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        clients.append(client)
    results = {}
    for page in PAGES:
        for client in clients:
            response = client.get(page)  # warm: templates, content files, connections
            if response.status_code != 200:
                raise SystemExit(f"{page} answered {response.status_code}")
        connection.queries_log.clear()  # a full log (9,000 entries) would hide new ones
        with CaptureQueriesContext(connection) as captured:
            clients[0].get(page)
        queries = len(captured.captured_queries)  # now: a later request can reset the log
        samples = []
        gc.collect()
        for _ in range(rounds):
            for client in clients:
                started = time.perf_counter_ns()
                client.get(page)
                samples.append((time.perf_counter_ns() - started) / 1e6)
        cuts = statistics.quantiles(samples, n=100, method="inclusive")
        results[page] = {
            "p50_ms": round(cuts[49], 1),
            "p95_ms": round(cuts[94], 1),
            "queries": queries,
        }
    return results


def table_sizes() -> dict[str, int]:
    from django.db import connection

    tables = ("accounts_user", "checkin_checkin", "space_urge", "space_socialcheck",
              "trust_entry", "journal_entry")  # fmt: skip
    sizes = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (fixed names)
            sizes[table] = cursor.fetchone()[0]
    return sizes


# -- main ---------------------------------------------------------------------------------


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                        help="a PostgreSQL server (default: DATABASE_URL); the bench uses "
                        f"its own database {DATABASE} there")  # fmt: skip
    parser.add_argument("--users", type=int, default=100_000, help="people (100,000)")
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows (10,000,000)")
    parser.add_argument("--sample", type=int, default=20, help="people timed (20)")
    parser.add_argument("--rounds", type=int, default=5, help="timed calls per person (5)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="seeding processes")
    parser.add_argument("--seed", type=int, default=20_261_205, help="for the random data")
    parser.add_argument("--keep", action="store_true", help=f"leave {DATABASE} in place")
    args = parser.parse_args(argv)
    url = args.database_url or ""
    if not url.startswith(("postgres://", "postgresql://")):
        parser.error("needs PostgreSQL: set DATABASE_URL or --database-url to a postgresql:// URL")
    if args.users < 1 or args.rows < args.users or not 1 <= args.sample <= min(args.users, CHUNK):
        parser.error(f"--users >= 1, --rows >= --users and 1 <= --sample <= {CHUNK}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    recreate(args.database_url)
    url = scale_url(args.database_url)
    try:
        with tempfile.TemporaryDirectory(prefix="heartwork-scale-") as data_dir:
            configure(url, data_dir)
            return run(args, url)
    finally:
        if not args.keep:
            drop(args.database_url)


def run(args: argparse.Namespace, url: str) -> int:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    per_person = args.rows // args.users
    first = min(CHUNK, args.users)
    print(f"{machine()}\nSeeding {args.users:,} people x {per_person} rows into {DATABASE}")
    started = time.perf_counter()
    rows = seed(url, 0, first, per_person, 1, args.seed)
    analyze(url)
    sample = prepare_sample(args.sample)
    small = time_pages(sample, args.rounds)
    print(f"  small tables: {first:,} people, {rows:,} rows")
    rows += seed(url, first, args.users, per_person, args.jobs, args.seed)
    seeded_s = time.perf_counter() - started
    started = time.perf_counter()
    analyze(url)
    analysed_s = time.perf_counter() - started
    print(f"  seeded {rows:,} rows in {seeded_s:.0f} s; VACUUM ANALYZE {analysed_s:.0f} s")
    print("  " + ", ".join(f"{t} {n:,}" for t, n in table_sizes().items()))
    full = time_pages(sample, args.rounds)
    report(small, full, args)
    return 0


def report(small: dict[str, Any], full: dict[str, Any], args: argparse.Namespace) -> None:
    print(f"\n{args.sample} people x {args.rounds} rounds per page (ms; queries of one call)")
    print(
        f"{'page':<40}{'small p50':>11}{'small p95':>11}{'full p50':>11}{'full p95':>11}  queries"
    )
    for page in PAGES:
        s, f = small[page], full[page]
        print(
            f"{page:<40}{s['p50_ms']:>11.1f}{s['p95_ms']:>11.1f}{f['p50_ms']:>11.1f}"
            f"{f['p95_ms']:>11.1f}  {s['queries']}/{f['queries']}"
        )


def machine() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"PostgreSQL {version}, load average {load}"
    )


if __name__ == "__main__":
    sys.exit(main())

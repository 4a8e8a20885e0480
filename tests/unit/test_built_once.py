"""heartwork.once.built_once: a lazily built table is built once, even from many threads.

The regression it guards: two first requests in a fresh worker built the safety scanner's
tables at the same time, and that process then read danger as green for good.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

from heartwork.once import built_once


def test_many_threads_asking_at_once_run_the_builder_once_and_share_its_result() -> None:
    calls: list[int] = []

    @built_once
    def table() -> object:
        calls.append(1)
        time.sleep(0.05)  # long enough for every thread to arrive while it builds
        return object()

    start = threading.Barrier(8)
    seen: list[object] = []

    def ask() -> None:
        start.wait()
        seen.append(table())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert all(result is seen[0] for result in seen)


def test_each_set_of_arguments_is_built_once() -> None:
    calls: list[str] = []

    @built_once
    def index(kind: str) -> str:
        calls.append(kind)
        return kind.upper()

    assert [index("a"), index("b"), index("a"), index(kind="a")] == ["A", "B", "A", "A"]
    assert calls == ["a", "b", "a"]  # a keyword is another way of asking: built once more


_RACE = """
import json, threading
from heartwork import coach
from heartwork.safety.scanner import scan

DANGER = "He put his hands round my neck last night and said he would kill me."
APOLOGY = "I'm sorry, but you never listened to me."
start = threading.Barrier(4)
seen = []
def read():
    start.wait()
    seen.append([scan(DANGER).level, coach.analyze(APOLOGY, kind="apology").verdict])
threads = [threading.Thread(target=read) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
seen.append([scan(DANGER).level, coach.analyze(APOLOGY, kind="apology").verdict])
print(json.dumps(seen))
"""


def test_first_scans_from_several_threads_at_once_all_see_the_danger_and_the_but() -> None:
    # A fresh interpreter: in this one the tables are already built by other tests.
    done = subprocess.run(
        [sys.executable, "-c", _RACE], capture_output=True, text=True, timeout=300, check=True
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == [["high_danger", "revise"]] * 5

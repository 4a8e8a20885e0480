"""`heartwork serve` builds the scanner's and the coach's indexes before its workers start,
so no first request waits for them, and every thread afterwards reads the same, complete
tables (the race of building them at once is covered by tests/unit/test_built_once.py).

Runs in a fresh interpreter: in this one the indexes may already be built by other tests.
"""

from __future__ import annotations

import json
import subprocess
import sys

_SCRIPT = """
import json, threading
from heartwork.web.server import warm_up
warm_up()
from heartwork import coach
from heartwork.safety.scanner import scan

DANGER = "He put his hands round my neck last night and said he would kill me."
APOLOGY = "I'm sorry, but you never listened to me."
seen = []
def read():
    seen.append([scan(DANGER).level, coach.analyze(APOLOGY, kind="apology").verdict])
threads = [threading.Thread(target=read) for _ in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(seen))
"""


def test_threads_started_after_the_warm_up_all_read_danger_and_the_but() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=300, check=True
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == [["high_danger", "revise"]] * 6

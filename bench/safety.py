"""How fast the safety scanner is: statements per second, on texts written for this file.

Run with ``make bench-safety``. Every saved free text (journal entries, exercise answers,
saved drafts) passes through the scanner, so it has to keep up with typing and saving.
The statements are built from sentences written here, mixed by a seeded random generator,
so every run times the same texts. See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Sequence

SEED = 20_261_123
SENTENCES = (
    "Today was long and I kept checking my phone for a message that never came.",
    "We argued about the washing up again and I said things I regret.",
    "I went for a walk by the canal and felt a bit lighter afterwards.",
    "He has never hit me, but I get nervous when he shouts.",
    "She checks my phone every night and says I'm not allowed to see my sister.",
    "My friend's husband turned up at her work and I didn't know what to say.",
    "I could kill him for forgetting the school run again.",
    "He put his hands around my neck last year and I still think about it.",
    "They asked me not to contact them, so I deleted the draft.",
    "Some nights I wish I could just disappear for a while.",
    "I found an AirTag in my bag after we split up.",
    "Therapy helped me see how often I went through her messages.",
    "My mum says time heals, and maybe she is right.",
    "I cried in the car park at work and then had a decent afternoon.",
)
LENGTHS = {"short": (8, 30), "entry": (80, 150), "long": (250, 400)}


def build(seed: int = SEED, per_group: int = 150) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    statements = []
    for group, (low, high) in LENGTHS.items():
        for _ in range(per_group):
            goal = rng.randint(low, high)
            words: list[str] = []
            while len(words) < goal:
                words.extend(rng.choice(SENTENCES).split())
            statements.append((group, " ".join(words[:goal])))
    rng.shuffle(statements)
    return statements


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the safety scanner.")
    parser.add_argument("--rounds", type=int, default=5, help="times over every statement (5)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")
    from heartwork.safety.scanner import scan

    statements = build()
    for _, text in statements[:50]:
        scan(text)  # warm up: compile the patterns, fill caches
    timings: dict[str, list[int]] = {group: [] for group in LENGTHS}
    for _ in range(args.rounds):
        for group, text in statements:
            start = time.perf_counter_ns()
            scan(text)
            timings[group].append(time.perf_counter_ns() - start)
    total = sum(sum(values) for values in timings.values()) / 1e9
    count = sum(len(values) for values in timings.values())
    print(f"{count:,} statements scanned in {total:.2f} s: {count / total:,.0f} statements/s")
    for group, values in timings.items():
        ordered = sorted(values)
        p95 = ordered[int(len(ordered) * 0.95)] / 1e6
        print(f"  {group:<6} median {statistics.median(values) / 1e6:.3f} ms, p95 {p95:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

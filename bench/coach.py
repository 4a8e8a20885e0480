"""How fast the message coach is, next to VADER on the same texts in the same run.

Run with ``make bench-coach`` (or ``.venv/bin/python bench/coach.py --help``). The
messages are built from sentences written for this file, mixed with a seeded random
generator, so every run times exactly the same texts. See docs/benchmarks.md.

VADER (vaderSentiment) is a rule-based sentiment scorer that gives one number per text;
it is the baseline because it is the usual fast, dependency-free choice for "how does this
message sound". The coach does more (spans, labels, rewrites), and the target is that it
is still at least as fast, with a p95 under 2 ms for a 150-word message.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

TARGET_P95_MS = 2.0
TARGET_WORDS = 150
SEED = 20_251_123

# Sentences in the voice of someone writing to a partner or an ex. Some carry the habits
# the coach looks for, most do not: a realistic mix, not a list of triggers.
SENTENCES: dict[str, tuple[str, ...]] = {
    "apology": (
        "I'm sorry I shouted at you on Sunday.",
        "I was wrong to read your messages without asking.",
        "That was on me, and I know it hurt you.",
        "I'm sorry if you felt ignored at the party.",
        "Sorry, but you pushed me into yelling.",
        "I was exhausted after the week I had, which is why I snapped.",
        "It was only a joke and I didn't think it was a big deal.",
        "Mistakes were made on both sides that night.",
        "I'm sorry for whatever I did to upset you.",
        "I already said sorry, so can we just move on now?",
        "You deserved better than the way I spoke to you.",
        "I will call before I make plans for both of us from now on.",
        "How can I make this right with you?",
        "I'm working on staying calm when I feel criticised.",
        "I forgot your mother's birthday and I'm truly sorry.",
        "If you hadn't brought it up at dinner, none of this would have happened.",
        "I understand why you were angry when I left without a word.",
        "I should have told you about the money sooner.",
    ),
    "reach_out": (
        "Hi, I hope your week is going well.",
        "No need to reply, I just wanted to say I'm thinking of you kindly.",
        "If you're ever open to a coffee, I'd like that.",
        "Whenever you're ready, I'm here.",
        "We need to talk tonight, call me.",
        "Why aren't you answering my messages?",
        "After all I did for you, you won't even reply.",
        "I can't sleep because of you.",
        "Every day I think about the summer we had by the lake.",
        "I've changed and things will be different this time.",
        "Please come back, I can't live without you.",
        "It's 3am and I can't stop thinking about us.",
        "I saw the new cafe on Elm Street and thought you'd like it.",
        "I finished the book you lent me; it was wonderful.",
        "I hope your new job is treating you well.",
        "You moved on so fast, it's like I never mattered.",
    ),
    "conflict_reply": (
        "I feel hurt when plans change at the last minute, and I need a heads-up.",
        "You always do this and you never listen.",
        "What's wrong with you?",
        "What about the time you forgot to pick me up?",
        "I'm not the one who started this.",
        "Whatever, do what you want.",
        "Fine, I'm done talking about it.",
        "I can see why that upset you.",
        "Could we take a break and talk again after dinner?",
        "You're being ridiculous and selfish.",
        "I hear that you're tired, and I'm tired too.",
        "Oh great, another brilliant idea from you.",
        "Can we agree to split the chores on weekdays?",
        "I need some quiet time tonight, and I'll come back to this tomorrow.",
        "Part of this is on me; I didn't say how stressed I was.",
    ),
    "neutral": (
        "The weather has been grey all week.",
        "I walked the dog along the river this morning.",
        "Work has been busy, but it's getting better.",
        "My sister says hello.",
        "The car is back from the garage.",
        "I've started cooking again, mostly soups.",
        "The cat still sleeps on your side of the bed.",
        "I went to the market on Saturday.",
        "We should sort out the shared phone plan at some point.",
        "The landlord fixed the heating at last.",
    ),
}
KINDS = ("apology", "reach_out", "conflict_reply")
# (name, lowest word count, highest word count, how many messages of each kind)
LENGTHS = (("short", 8, 30, 60), ("medium", 50, 90, 60), ("150 words", 150, 150, 80))
LONG = ("long", 280, 320, 20)


@dataclass(frozen=True)
class Message:
    text: str
    kind: str
    group: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _compose(rng: random.Random, kind: str, low: int, high: int) -> str:
    """Sentences mostly of ``kind`` with some everyday ones, ``low``..``high`` words long."""
    goal = rng.randint(low, high)
    words: list[str] = []
    while len(words) < goal:
        pool = SENTENCES["neutral"] if rng.random() < 0.3 else SENTENCES[kind]
        sentence = rng.choice(pool)
        # Paragraph breaks now and then, as people write longer messages.
        if words and rng.random() < 0.12:
            words[-1] += "\n\n"
        words.extend(sentence.split())
    text = " ".join(words[:goal]).replace("\n\n ", "\n\n").strip()
    return text if text.endswith((".", "?", "!")) else text.rstrip(",;:") + "."


def build_messages(seed: int = SEED, scale: int = 1) -> list[Message]:
    """The same messages for the same seed and scale, shuffled."""
    rng = random.Random(seed)
    messages = [
        Message(_compose(rng, kind, low, high), kind, group)
        for group, low, high, count in (*LENGTHS, LONG)
        for kind in KINDS
        for _ in range(count * scale)
    ]
    rng.shuffle(messages)
    return messages


def _time_each(call: Callable[[Message], object], messages: Sequence[Message]) -> list[int]:
    """Nanoseconds per message, in order."""
    timings = []
    clock = time.perf_counter_ns
    for message in messages:
        start = clock()
        call(message)
        timings.append(clock() - start)
    return timings


@dataclass
class Result:
    name: str
    timings: list[int]  # every timed call, all rounds
    groups: list[str]

    @property
    def per_second(self) -> float:
        return len(self.timings) / (sum(self.timings) / 1e9)

    def percentiles_ms(self, group: str) -> tuple[float, float, float]:
        chosen = [t for t, g in zip(self.timings, self.groups, strict=True) if g == group]
        cuts = statistics.quantiles(chosen, n=100, method="inclusive")
        return cuts[49] / 1e6, cuts[94] / 1e6, cuts[98] / 1e6


def run(messages: Sequence[Message], *, rounds: int, kind: str) -> tuple[Result, Result]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from heartwork.coach import analyze

    vader = SentimentIntensityAnalyzer()  # loads its lexicon: not part of the timing

    def coach_call(message: Message) -> object:
        return analyze(message.text, kind=message.kind if kind == "given" else "auto")

    def vader_call(message: Message) -> object:
        return vader.polarity_scores(message.text)

    # Warm up both (first calls compile regular expressions and fill caches).
    for message in messages[:100]:
        coach_call(message)
        vader_call(message)

    coach = Result("coach", [], [])
    baseline = Result("VADER", [], [])
    for n in range(rounds):
        # Alternate which goes first, so neither always runs on a warmer machine.
        order = [(coach, coach_call), (baseline, vader_call)]
        for result, call in order if n % 2 == 0 else order[::-1]:
            gc.collect()
            result.timings += _time_each(call, messages)
            result.groups += [message.group for message in messages]
    return coach, baseline


def report(
    coach: Result, baseline: Result, messages: Sequence[Message], rounds: int
) -> dict[str, Any]:
    ratio = coach.per_second / baseline.per_second
    p50, p95, p99 = coach.percentiles_ms("150 words")
    v50, v95, v99 = baseline.percentiles_ms("150 words")
    return {
        "messages": len(messages),
        "messages_150_words": sum(1 for m in messages if m.group == "150 words"),
        "rounds": rounds,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "coach": {"per_second": coach.per_second, "p50_ms": p50, "p95_ms": p95, "p99_ms": p99},
        "vader": {"per_second": baseline.per_second, "p50_ms": v50, "p95_ms": v95, "p99_ms": v99},
        "ratio": ratio,
        "target_met": ratio >= 1.0 and p95 < TARGET_P95_MS,
    }


def print_table(numbers: dict[str, Any]) -> None:
    print(
        f"{numbers['messages']:,} messages ({numbers['messages_150_words']:,} of 150 words), "
        f"{numbers['rounds']} round(s), Python {numbers['python']} on {numbers['machine']}"
    )
    print()
    heads = ("messages/s", "p50, 150 w", "p95, 150 w", "p99, 150 w")
    print(f"{'':<8}" + "".join(f"{head:>14}" for head in heads))
    for name, key in (("coach", "coach"), ("VADER", "vader")):
        row = numbers[key]
        times = [f"{row[p]:.3f} ms" for p in ("p50_ms", "p95_ms", "p99_ms")]
        print(f"{name:<8}{row['per_second']:>14,.0f}" + "".join(f"{t:>14}" for t in times))
    print()
    print(f"ratio coach/VADER (messages/s): {numbers['ratio']:.2f}x")
    verdict = "met" if numbers["target_met"] else "NOT met"
    print(f"target (coach at least as fast as VADER, p95 < {TARGET_P95_MS:g} ms): {verdict}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5, help="times over every message (5)")
    parser.add_argument("--scale", type=int, default=1, help="multiply the message count (1)")
    parser.add_argument("--seed", type=int, default=SEED, help="for other messages")
    parser.add_argument(
        "--kind",
        choices=("auto", "given"),
        default="auto",
        help="let the coach guess the kind (auto, the default) or tell it (given)",
    )
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is not met")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.scale < 1:
        parser.error("--rounds and --scale must be 1 or more")
    messages = build_messages(args.seed, args.scale)
    coach, baseline = run(messages, rounds=args.rounds, kind=args.kind)
    numbers = report(coach, baseline, messages, args.rounds)
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        print_table(numbers)
    return 1 if args.check and not numbers["target_met"] else 0


if __name__ == "__main__":
    sys.exit(main())

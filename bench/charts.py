"""How fast the SVG charts render: 1 day, 1 year and 10 years of daily points.

Run with ``make bench-charts``. Charts are drawn on every visit to a page that shows one
(and by /api/v1/charts/*), so years of daily data must stay quick and small: past
``MAX_POINTS`` dates a line is drawn from weekly, then monthly means. Each size is timed
for a line chart with two daily series (the points are made by a seeded random walk, so
every run times the same data), the data table beside it, and a bar chart of weekly
sums. See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from heartwork.charts import (
    Bar,
    BarChart,
    Guide,
    LineChart,
    Markers,
    Series,
    bucketed,
    render_bar_chart,
    render_line_chart,
    table_of,
)

SEED = 20_261_204
START = date(2016, 1, 4)
SIZES = {"1 day": 1, "1 year": 365, "10 years": 3653}


def walk(count: int, rng: random.Random) -> list[tuple[date, float]]:
    value, points = 50.0, []
    for day in range(count):
        value = min(100.0, max(0.0, value + rng.gauss(0, 6)))
        points.append((START + timedelta(days=day), value))
    return points


def charts(count: int) -> tuple[LineChart, BarChart]:
    rng = random.Random(SEED + count)
    mood, sleep = walk(count, rng), walk(count, rng)
    line = LineChart(
        title="Mood and sleep",
        desc="Two daily scores from 0 to 100.",
        series=[Series("Mood", mood), Series("Sleep", sleep)],
        guide=Guide(50, "Middle"),
        markers=Markers("Before", "Now"),
    )
    weeks = bucketed([(day, 1.0 if value < 40 else 0.0) for day, value in mood], "week", "sum")
    bars = BarChart(
        title="Low days per week",
        desc="How many days a week the mood score was under 40.",
        bars=[Bar(day.isoformat(), total) for day, total in weeks[-52:]],
        y_max=7,
    )
    return line, bars


def timed(work: Callable[[], object], rounds: int) -> list[float]:
    """Milliseconds per call, one sample per round (after one untimed warm-up)."""
    work()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter_ns()
        work()
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples


def measure(rounds: int) -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    for label, count in SIZES.items():
        line, bars = charts(count)
        line_svg, bar_svg = render_line_chart(line), render_bar_chart(bars)
        for what, work, size in (
            ("line chart", lambda line=line: render_line_chart(line), len(line_svg.encode())),
            ("data table", lambda line=line: table_of(line), None),
            ("bar chart", lambda bars=bars: render_bar_chart(bars), len(bar_svg.encode())),
        ):
            samples = timed(work, rounds)
            results.append(
                {
                    "size": label,
                    "items": f"{len(bars.bars)} bars"
                    if what == "bar chart"
                    else f"{count * 2} points",
                    "what": what,
                    "median_ms": round(statistics.median(samples), 3),
                    "max_ms": round(max(samples), 3),
                    "bytes": size,
                    "rows": len(table_of(line).rows) if what == "data table" else None,
                }
            )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the SVG charts.")
    parser.add_argument("--rounds", type=int, default=20, help="timed calls per chart (20)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")
    results = measure(args.rounds)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"Python {sys.version.split()[0]}, {args.rounds} rounds, median (max) per call")
    for row in results:
        extra = f", {row['bytes']:,} bytes" if row["bytes"] else f", {row['rows']} rows"
        print(
            f"  {row['size']:>8}  {row['what']:<10}  {row['items']:>11}  "
            f"{row['median_ms']:>8.3f} ms ({row['max_ms']:.3f}){extra}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

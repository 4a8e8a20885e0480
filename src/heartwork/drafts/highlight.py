"""The draft as HTML with the coach's findings marked: every piece of the text is escaped.

Spans are character offsets into the analysed text (end exclusive). Overlapping spans
are clipped so each character is marked at most once, the more severe finding first.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext_lazy

from heartwork.coach import Finding

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}


def severity_class(severity: str) -> str:
    """The CSS class suffix for a severity; anything unknown reads as "medium"."""
    return severity if severity in SEVERITY_RANK else "medium"


# The coach's labels as words people read (heartwork.coach.ALL_LABELS), for translation.
LABEL_NAMES = {
    "blame_shifting": pgettext_lazy("coach label", "blame shifting"),
    "but_undo": pgettext_lazy("coach label", "but undo"),
    "conditional": pgettext_lazy("coach label", "conditional"),
    "constructive": pgettext_lazy("coach label", "constructive"),
    "contempt": pgettext_lazy("coach label", "contempt"),
    "criticism": pgettext_lazy("coach label", "criticism"),
    "defensiveness": pgettext_lazy("coach label", "defensiveness"),
    "demanding_closure": pgettext_lazy("coach label", "demanding closure"),
    "emotional_dump": pgettext_lazy("coach label", "emotional dump"),
    "excuse": pgettext_lazy("coach label", "excuse"),
    "gentle": pgettext_lazy("coach label", "gentle"),
    "genuine": pgettext_lazy("coach label", "genuine"),
    "guilt_tripping": pgettext_lazy("coach label", "guilt tripping"),
    "hostile": pgettext_lazy("coach label", "hostile"),
    "late_night": pgettext_lazy("coach label", "late night"),
    "minimizing": pgettext_lazy("coach label", "minimizing"),
    "over_promising": pgettext_lazy("coach label", "over promising"),
    "pressuring": pgettext_lazy("coach label", "pressuring"),
    "stonewalling": pgettext_lazy("coach label", "stonewalling"),
    "vague": pgettext_lazy("coach label", "vague"),
}


def label_name(label: str) -> str:
    """A label as words, in the reader's language: "blame_shifting" -> "blame shifting"."""
    found = LABEL_NAMES.get(label)
    return str(found) if found is not None else label.replace("_", " ")


def highlight(text: str, findings: Iterable[Finding]) -> SafeString:
    """``text`` escaped, with each finding's span wrapped in ``<mark>``."""
    spans: list[tuple[int, int, Finding]] = []
    for finding in findings:
        start, end = max(0, finding.start), min(len(text), finding.end)
        if start < end:
            spans.append((start, end, finding))
    # Earliest first; at the same start, the most severe and then the longest wins.
    spans.sort(key=lambda s: (s[0], -SEVERITY_RANK.get(s[2].severity, 2), -(s[1] - s[0])))
    parts: list[str] = []
    position = 0
    for start, end, finding in spans:
        start = max(start, position)
        if start >= end:
            continue  # wholly inside a span already marked
        parts.append(escape(text[position:start]))
        parts.append(
            format_html(
                '<mark class="mark mark-{}" title="{}">{}</mark>',
                severity_class(finding.severity),
                label_name(finding.label),
                text[start:end],
            )
        )
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308  (every part above is escaped)

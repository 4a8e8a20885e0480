"""The message coach: explainable analysis of drafts before they are sent.

Pure Python (no Django import, no network, no models): rules and lexicons ship as
data files in ``heartwork/coach/data``. Entry point: :func:`analyze`.
"""

from heartwork.coach.engine import analyze
from heartwork.coach.types import (
    ALL_LABELS,
    KIND_CHOICES,
    KINDS,
    MAX_CHARS,
    Analysis,
    CoachInputError,
    Finding,
    Strength,
    Suggestion,
)

__all__ = [
    "ALL_LABELS",
    "KINDS",
    "KIND_CHOICES",
    "MAX_CHARS",
    "Analysis",
    "CoachInputError",
    "Finding",
    "Strength",
    "Suggestion",
    "analyze",
]

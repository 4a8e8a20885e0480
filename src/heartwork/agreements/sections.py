"""The sections of an agreement: stable ids (a public contract of the API, docs/agreements.md),
a plain-language prompt and a few ways to start.

Written for a 13-year-old reader, for any couple: no genders, no assumption of marriage or
of living together. Pure: no Django import beyond lazy translation.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    id: str
    title: str | Promise
    prompt: str | Promise
    starters: tuple[str | Promise, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "arguments",
        _("How we handle arguments"),
        _(
            "What do we both promise when we disagree? Think about insults, going silent for "
            "days, walking out, and how to take a break and then come back to the talk."
        ),
        (
            _("We do not call each other names, even when we are very angry."),
            _("Either of us can ask for a 20 to 60 minute break. We say when we will be back."),
            _("We do not go silent for days. If one of us needs quiet, we say so out loud."),
            _("We talk about one problem at a time, not everything from the past."),
        ),
    ),
    Section(
        "time_together",
        _("Time for each other"),
        _("How much time do we keep just for the two of us, and what does it look like?"),
        (
            _("One evening a week is ours, with phones in another room."),
            _("We ask each other about the day and really listen for ten minutes."),
            _("If plans change, we find another day in the same week."),
        ),
    ),
    Section(
        "other_people",
        _("Exes and other people"),
        _(
            "What feels okay with exes, friends and people we meet? What would we want to be "
            "told about?"
        ),
        (
            _("If an ex gets in touch, we mention it to each other the same day."),
            _("We do not flirt with other people in ways we would hide."),
            _("We each keep our own friends, and we do not ask to read each other's phones."),
        ),
    ),
    Section(
        "safe_loved_respected",
        _("What each of us needs to feel safe, loved and respected"),
        _(
            "Each of you: what helps you feel safe, loved and respected? Write it as something "
            "the other person can actually do."
        ),
        (
            _("I feel loved when you tell me what you liked about our day."),
            _("I feel respected when you ask before making plans for both of us."),
            _("I feel safe when we can say no to each other without a fight."),
        ),
    ),
    Section(
        "non_negotiables",
        _("Non-negotiables"),
        _(
            "What is a clear line for each of you? Keep the list short, and make each one "
            "something you can both check."
        ),
        (
            _("No hitting, pushing, grabbing or breaking things. Ever."),
            _("No threats, and no checking each other's phone or location."),
            _("Money we share is spent only after we both agree."),
        ),
    ),
    Section(
        "stress_as_a_team",
        _("Stress as a team"),
        _("When life gets hard (work, money, family, health), how do we stay on the same side?"),
        (
            _("When one of us is stressed, we ask: do you want help, or do you want me to listen?"),
            _("We talk about money once a month, at a calm time, not in the middle of a worry."),
            _("We tell each other early when we are running low, before it turns into a fight."),
        ),
    ),
)

SECTION_IDS: tuple[str, ...] = tuple(section.id for section in SECTIONS)
_BY_ID = {section.id: section for section in SECTIONS}


def section(section_id: str) -> Section | None:
    """The section with this id, or None for an id that is not one of ours."""
    return _BY_ID.get(section_id)

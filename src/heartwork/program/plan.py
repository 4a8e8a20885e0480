"""The personal plan: the program's stages in an order that fits the person's situation.

Pure Python, no Django: it reads the situation answers (content/onboarding.yaml), the
safety level the safety app reports (None before any answer), each stage's status and the
stages paused by their content (``pause_when``, with why), and returns the steps in order,
each with why in plain words and whether it is locked.

The order mirrors the ``recommend_when`` rules that read ``onboarding.situation`` in
content/stages/ (docs/program.md, "Onboarding and the personal plan"), so the plan and the
program's next step agree. The caller passes that next step as ``lead``: it always comes
first when open, so the two can never disagree, whatever else was answered since.

Safety first: a red, high-danger or crisis level, or being asked for no contact or
blocked, leads to ``dont_go_back`` and ``moving_on``, with every reconnection stage listed
as locked and why, as a path forward rather than a failure. A paused stage is locked in
the plan too (never where it starts), but softly (``hard`` is False): its reason is the
content's own, and the person may open it anyway. The texts are English and marked for
translation; the pages and the API translate them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from heartwork.program.schema import BRANCH_STAGES, MAIN_STAGES, RECONNECTION_STAGES

SAFETY_STAGE = "safety_check"
PROTECT_LEVELS = frozenset({"red", "high_danger", "crisis"})
# Answers to onboarding.situation (content/onboarding.yaml) the plan reads.
NO_CONTACT = frozenset({"asked_no_contact", "blocked"})
RECENT = frozenset({"this_week", "this_month"})
APART = frozenset({"on_break", "apart"})
BETRAYAL = frozenset({"broke", "betrayed", "both", "not_sure"})
LOCKED = "locked"
DONE = "done"
# A stage already started is never paused: resume anywhere.
STARTED = frozenset({"in_progress", DONE})


def gettext_noop(message: str) -> str:
    """Marks a text for translation (makemessages finds it); the caller translates it."""
    return message


# Why each stage is in the plan when nothing in the situation says more.
WHY = {
    SAFETY_STAGE: gettext_noop(
        "A few calm questions first, so that this path is safe for you. It takes about two minutes."
    ),
    "want_them_back": gettext_noop(
        "An honest look at what you miss: the person, or what you lost with them."
    ),
    "what_went_wrong": gettext_noop(
        "Both sides of what happened, and the loop you kept repeating."
    ),
    "space": gettext_noop("A calm break from contact, and ways to get through the urges."),
    "work_on_myself": gettext_noop(
        "Growth that is for you: habits, support and the partner you want to be."
    ),
    "own_mistakes": gettext_noop("Owning your part, without excuses and without a “but”."),
    "reach_out": gettext_noop(
        "Only when you are calm and ready to accept any answer: one short, gentle message."
    ),
    "show_change": gettext_noop("Small promises kept, again and again, so trust can grow."),
    "closeness": gettext_noop("Getting close again slowly, at a pace you both like."),
    "agreements": gettext_noop("New ways to argue, rest and care for each other, agreed by both."),
    "betrayal": gettext_noop("For when trust was broken, on either side."),
    "can_it_be_saved": gettext_noop(
        "Five signs that show whether you are both able to do this work."
    ),
    "dont_go_back": gettext_noop("Staying safe and supported if going back is not right for you."),
    "moving_on": gettext_noop("What this taught you, and the growth you can take with you."),
}

_PROTECT_WHY = {
    "dont_go_back": gettext_noop(
        "Your safety and their wishes come first. This stage helps you plan, find support "
        "and stay steady."
    ),
    "moving_on": gettext_noop(
        "Healing and growing for yourself. Getting yourself back is a real success."
    ),
    "work_on_myself": gettext_noop(
        "Looking after yourself: sleep, support people and small daily steps."
    ),
}
_NO_CONTACT_WHY = gettext_noop(
    "They asked you not to contact them, or blocked you. Respecting that is the kind thing "
    "to do. This stage helps you look after yourself and move forward."
)
_NOT_SURE_WHY = gettext_noop(
    "You are not sure if they asked you not to contact them. The safety check helps you "
    "sort that out first."
)
_SPACE_ASKED_WHY = gettext_noop(
    "They asked for space. Giving it shows respect, and gives you both time to think."
)
_THEY_ENDED_WHY = gettext_noop(
    "They ended it. Before you plan anything, look honestly at what you miss most."
)
_BETRAYED_WHY = gettext_noop(
    "They broke your trust. Before you decide anything, check what you really want."
)
_RECENT_WHY = {
    "space": gettext_noop(
        "It ended only a short time ago. The first weeks are the worst time to reach out."
    ),
    "work_on_myself": gettext_noop("Put your energy into yourself while things cool down."),
}
_BETRAYAL_WHY = {
    "broke": gettext_noop("You broke their trust. This path helps you be honest and patient."),
    "betrayed": gettext_noop(
        "They broke your trust. This path puts your needs first, at your own pace."
    ),
    "both": gettext_noop("You both broke trust. This path looks at your part and your needs."),
    "not_sure": gettext_noop("You are not sure if trust was broken. This path can help you see."),
}
_REACH_OUT_AFTER_SPACE = gettext_noop(
    "Only after the time they asked for, and only if they seem open to it."
)

_LOCKED_CRISIS = gettext_noop(
    "Steps about contact wait while things are this hard. Please talk to someone now: the "
    "help page lists people you can call or text."
)
_LOCKED_SAFETY = gettext_noop(
    "Steps about contact are closed because of what you told us about safety. That is not "
    "a failure: the steps above are a real way forward."
)
_LOCKED_NO_CONTACT = gettext_noop(
    "They asked for no contact, or blocked you, so steps about contact stay closed. If that "
    "changes, answer the questions about your situation again."
)
_LOCKED_CHECK = gettext_noop(
    "This opens once the safety check is done and nothing in it stands in the way."
)


@dataclass(frozen=True)
class Step:
    stage: str
    why: str
    locked: bool
    # Plain words saying why, for a locked step; None otherwise.
    locked_reason: str | None
    # The stage's status as the program reports it: available, in_progress, done or locked.
    status: str
    # Locked by safety (the gate, or the plan's own safety-first rule); False for a pause,
    # which the person may open anyway, and for an open step.
    hard: bool = False


def protects(situation: Mapping[str, object] | None, safety: str | None) -> bool:
    """Whether the plan leads away from contact: a high safety level, or a no-contact ask."""
    asked = (situation or {}).get("asked_for_space")
    return safety in PROTECT_LEVELS or asked in NO_CONTACT


def build_plan(
    situation: Mapping[str, object] | None,
    safety: str | None,
    statuses: Mapping[str, str],
    lead: str | None = None,
    lead_why: str | None = None,
    paused: Mapping[str, str] | None = None,
) -> tuple[Step, ...]:
    """The stages in ``statuses``, ordered for this situation, each with why.

    ``lead`` is the program's next step (selectors.program_state): when it is in the plan
    and not locked, it comes first, with ``lead_why`` as its reason. ``paused`` maps each
    stage its content pauses to why: a soft lock (unless the stage was started), so never
    where the plan starts.
    """
    answers = situation or {}
    pauses = paused or {}
    protect = protects(situation, safety)
    picks = _protect_picks(answers, safety) if protect else _open_picks(answers, safety)
    picks += [(stage, _default_why(stage, answers)) for stage in (*MAIN_STAGES, *BRANCH_STAGES)]
    reason = _lock_reason(answers, safety) if protect else None
    steps: list[Step] = []
    seen: set[str] = set()
    for stage, why in picks:
        if stage in seen or stage not in statuses or _skipped(stage, answers):
            continue
        seen.add(stage)
        status = statuses[stage]
        if protect and stage in RECONNECTION_STAGES:
            steps.append(Step(stage, why, True, reason, status, hard=True))
        elif stage in pauses and status not in STARTED:
            steps.append(Step(stage, why, True, pauses[stage], status))
        elif status == LOCKED:
            steps.append(Step(stage, why, True, _LOCKED_CHECK, status, hard=True))
        else:
            steps.append(Step(stage, why, False, None, status))
    if protect:  # closed doors go last, after every open step
        steps.sort(key=lambda step: step.stage in RECONNECTION_STAGES)
    return _led(steps, lead, lead_why)


def first_open(steps: tuple[Step, ...]) -> Step | None:
    """The first step neither locked nor done: where the plan starts today."""
    return next((step for step in steps if not step.locked and step.status != DONE), None)


def _skipped(stage: str, answers: Mapping[str, object]) -> bool:
    return stage == "betrayal" and answers.get("betrayal") == "none"


def _default_why(stage: str, answers: Mapping[str, object]) -> str:
    if stage == "reach_out" and answers.get("asked_for_space") == "asked_space":
        return _REACH_OUT_AFTER_SPACE
    return WHY[stage]


def _protect_picks(answers: Mapping[str, object], safety: str | None) -> list[tuple[str, str]]:
    """Safety and respect first: the way forward that needs no contact."""
    no_contact = answers.get("asked_for_space") in NO_CONTACT and safety != "crisis"
    picks = [
        ("dont_go_back", _NO_CONTACT_WHY if no_contact else _PROTECT_WHY["dont_go_back"]),
        ("moving_on", _PROTECT_WHY["moving_on"]),
        ("work_on_myself", _PROTECT_WHY["work_on_myself"]),
    ]
    role = answers.get("betrayal")
    if isinstance(role, str) and role in BETRAYAL:
        picks.append(("betrayal", _BETRAYAL_WHY[role]))
    return picks


def _open_picks(answers: Mapping[str, object], safety: str | None) -> list[tuple[str, str]]:
    """In the order of the rules in content/stages/ that read the situation: those in
    safety_check.yaml, then what_went_wrong.yaml (the motive check), space.yaml and
    betrayal.yaml."""
    picks: list[tuple[str, str]] = []
    if answers.get("asked_for_space") == "not_sure":
        picks.append((SAFETY_STAGE, _NOT_SURE_WHY))
    if safety is None:  # the rules below wait for a first safety answer
        picks.append((SAFETY_STAGE, WHY[SAFETY_STAGE]))
    if answers.get("asked_for_space") == "asked_space":
        picks.append(("space", _SPACE_ASKED_WHY))
    if answers.get("who_ended") == "them":
        picks.append(("want_them_back", _THEY_ENDED_WHY))
    if answers.get("betrayal") == "betrayed":
        picks.append(("want_them_back", _BETRAYED_WHY))
    if answers.get("standing") in APART and answers.get("since_when") in RECENT:
        picks += [(stage, _RECENT_WHY[stage]) for stage in ("space", "work_on_myself")]
    role = answers.get("betrayal")
    if isinstance(role, str) and role in BETRAYAL:
        picks.append(("betrayal", _BETRAYAL_WHY[role]))
    return picks


def _lock_reason(answers: Mapping[str, object], safety: str | None) -> str:
    """The most specific true reason: a crisis, their request, then the safety check."""
    if safety == "crisis":
        return _LOCKED_CRISIS
    if answers.get("asked_for_space") in NO_CONTACT:
        return _LOCKED_NO_CONTACT
    return _LOCKED_SAFETY


def _led(steps: list[Step], lead: str | None, lead_why: str | None) -> tuple[Step, ...]:
    """The program's next step first, when it is in the plan and open."""
    found = next((step for step in steps if step.stage == lead and not step.locked), None)
    if found is None:
        return tuple(steps)
    first = Step(found.stage, lead_why or found.why, False, None, found.status)
    return (first, *(step for step in steps if step is not found))

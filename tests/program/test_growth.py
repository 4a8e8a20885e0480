"""The growth summary (heartwork.program.growth): what a person did across Heartwork, as
short facts, read through each app's selectors in a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from heartwork.checkin.services import save_checkin
from heartwork.journal.services import create_entry
from heartwork.program.growth import Growth, growth_of
from heartwork.program.readability import grade
from heartwork.program.services import answer_exercise, mark_done
from heartwork.rituals.services import add_ritual, log_time
from heartwork.rituals.services import mark_done as ritual_done
from heartwork.space.services import log_slip, log_urge, set_plan
from heartwork.trust.services import add_commitment, add_entry, resolve_commitment
from heartwork.wellbeing.questions import load_checks
from heartwork.wellbeing.services import record_take
from tests.conftest import Persona, make_persona
from tests.program.steps import answers_for, ready
from tests.program.test_content_rules import GENDERED, GRADE_PER_FILE

# A Wednesday at noon (the server's zone is UTC, and so is everyone's here).
NOW = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def take(persona: Persona, check_id: str, answer: int, when: datetime) -> None:
    check = load_checks().get(check_id)
    assert check is not None
    answers = {item.id: answer for item in check.items}
    record_take(user=persona.user, check_id=check_id, answers=answers, now=when)


def texts(growth: Growth) -> dict[str, str]:
    return {item.id: item.text for item in growth.items}


def values(growth: Growth) -> dict[str, int]:
    return {item.id: item.value for item in growth.items}


# -- building a history through each app's services -----------------------------------


def use_the_program(persona: Persona) -> None:
    user = persona.user
    for exercise_id in ("what_i_miss", "motive_check"):
        answers = answers_for("want_them_back", exercise_id)
        answer_exercise(
            user=user, stage_id="want_them_back", exercise_id=exercise_id, answers=answers, now=NOW
        )
    # Answered again: still one exercise worked through.
    answer_exercise(
        user=user,
        stage_id="want_them_back",
        exercise_id="what_i_miss",
        answers=answers_for("want_them_back", "what_i_miss"),
        now=NOW,
    )
    mark_done(user=user, stage_id="want_them_back", answers=ready("want_them_back"), now=NOW)


def keep_space(persona: Persona, urges: int = 3) -> None:
    user = persona.user
    set_plan(
        user=user,
        started_on=days_ago(40),
        planned_days=None,
        last_contact_on=days_ago(41),
        now=NOW,
    )
    log_slip(user=user, how="message", at=at(days_ago(15)), now=NOW)
    for i in range(urges):
        log_urge(user=user, strength=5, instead="A walk.", at=at(days_ago(i + 1)), now=NOW)


def check_in(persona: Persona, days: tuple[int, ...] = (0, 1, 2, 5)) -> None:
    for back in days:
        save_checkin(user=persona.user, values={"mood": 3}, day=days_ago(back), now=NOW)


def write(persona: Persona, times: int = 2) -> None:
    for i in range(times):
        create_entry(user=persona.user, title=f"Day {i}", body="A quiet evening.")


def rebuild_trust(persona: Persona) -> None:
    user = persona.user
    # Last complete week (Monday 24 February to Sunday 2 March): only good steps.
    for day in (date(2025, 2, 25), date(2025, 2, 26)):
        add_entry(user=user, direction="deposit", kind="kept_word", day=day, now=NOW)
    promise = add_commitment(
        user=user, text="I text if I will be late.", due=date(2025, 2, 27), now=at(days_ago(14))
    )
    resolve_commitment(commitment=promise, status="kept", now=NOW)
    # This week is not counted until it ends, and a withdrawal never shows here.
    add_entry(user=user, direction="withdrawal", kind="old_behaviour", day=TODAY, now=NOW)


def share_rituals(persona: Persona) -> None:
    ritual = add_ritual(user=persona.user, name="Tea after work", cadence="daily", now=NOW)
    for back in (1, 2, 3):
        ritual_done(ritual=ritual, day=days_ago(back), now=NOW)
    log_time(user=persona.user, minutes=45, day=days_ago(2), now=NOW)
    log_time(user=persona.user, minutes=90, day=days_ago(1), now=NOW)


def take_checks(persona: Persona) -> None:
    take(persona, "personal", 2, NOW - timedelta(days=60))
    take(persona, "personal", 4, NOW - timedelta(days=1))
    # Taken once: nothing to compare yet.
    take(persona, "relationship", 3, NOW - timedelta(days=60))


def use_everything(persona: Persona) -> None:
    use_the_program(persona)
    keep_space(persona)
    check_in(persona)
    write(persona)
    rebuild_trust(persona)
    share_rituals(persona)
    take_checks(persona)


# -- the facts ---------------------------------------------------------------------------


def test_someone_new_gets_an_empty_summary_and_no_error(alex: Persona) -> None:
    growth = growth_of(alex.user, now=NOW)

    assert growth.items == ()
    assert not growth


def test_every_app_the_person_used_adds_its_facts_in_plain_words(alex: Persona) -> None:
    use_everything(alex)

    growth = growth_of(alex.user, now=NOW)

    assert texts(growth) == {
        "program_exercises": "You worked through 2 exercises in the program.",
        "program_stages": "You finished one stage of the program.",
        "space_days": "You went 40 days without contacting them, 25 in a row at the longest.",
        "space_urges": "You rode out 3 urges to get in touch, and wrote each one down.",
        "checkin_days": "You checked in with yourself on 4 days. Your longest run was 3 days.",
        "journal_entries": "You wrote in your journal 2 times.",
        "trust_deposits": "You noted 3 things you did to rebuild trust.",
        "trust_steady_weeks": "You had one steady week in your trust ledger lately.",
        "trust_kept": "You kept a small promise you made.",
        "rituals_done": "You made time for your small rituals 3 times.",
        "rituals_time": "You set aside time together 2 times, about 2 hours in all.",
        "wellbeing_personal": "How I am doing: 25 when you started, 75 now.",
    }
    assert values(growth) == {
        "program_exercises": 2,
        "program_stages": 1,
        "space_days": 40,
        "space_urges": 3,
        "checkin_days": 4,
        "journal_entries": 2,
        "trust_deposits": 3,
        "trust_steady_weeks": 1,
        "trust_kept": 1,
        "rituals_done": 3,
        "rituals_time": 135,
        "wellbeing_personal": 75,
    }
    # The program first, then each tool, then the checks: the order never changes.
    order = [item.id for item in growth.items]
    assert (order[0], order[-1]) == ("program_exercises", "wellbeing_personal")


def test_only_facts_with_something_to_say_are_included(alex: Persona) -> None:
    write(alex, times=1)
    take(alex, "personal", 3, NOW - timedelta(days=1))  # once: no before and now yet

    growth = growth_of(alex.user, now=NOW)

    assert texts(growth) == {"journal_entries": "You wrote in your journal once."}


def test_withdrawals_and_promises_not_kept_never_show(alex: Persona) -> None:
    add_entry(user=alex.user, direction="withdrawal", kind="made_excuses", day=TODAY, now=NOW)
    promise = add_commitment(user=alex.user, text="Call at eight.", due=TODAY, now=NOW)
    resolve_commitment(commitment=promise, status="not_kept", now=NOW)

    assert growth_of(alex.user, now=NOW).items == ()


def test_an_unbroken_run_of_space_and_a_single_check_in_read_simply(alex: Persona) -> None:
    set_plan(
        user=alex.user,
        started_on=days_ago(9),
        planned_days=30,
        last_contact_on=days_ago(10),
        now=NOW,
    )
    check_in(alex, days=(3,))

    found = texts(growth_of(alex.user, now=NOW))

    assert found == {
        "space_days": "You went 10 days in a row without contacting them.",
        "checkin_days": "You checked in with yourself on one day.",
    }


def test_a_lower_well_being_score_is_said_kindly(alex: Persona) -> None:
    take(alex, "personal", 4, NOW - timedelta(days=60))
    take(alex, "personal", 2, NOW - timedelta(days=1))

    item = growth_of(alex.user, now=NOW).item("wellbeing_personal")

    assert item is not None
    assert item.value == 25
    assert item.text == (
        "How I am doing: 75 when you started, 25 now. "
        "A lower score is no failure: it shows how things feel right now."
    )


def test_a_short_time_together_reads_in_minutes(alex: Persona) -> None:
    log_time(user=alex.user, minutes=40, day=TODAY, now=NOW)

    assert texts(growth_of(alex.user, now=NOW)) == {
        "rituals_time": "You set aside time together once, for 40 minutes."
    }


def test_nothing_of_another_person_is_counted(alex: Persona, sam: Persona) -> None:
    use_everything(sam)

    assert growth_of(alex.user, now=NOW).items == ()


def test_the_words_are_plain_neutral_and_never_about_the_partner(alex: Persona) -> None:
    use_everything(alex)
    take(alex, "personal", 1, NOW)  # a lower score, for its extra sentence

    found = [item.text for item in growth_of(alex.user, now=NOW).items]

    assert grade(found) <= GRADE_PER_FILE
    assert [text for text in found if GENDERED.search(text)] == []
    # Each sentence says what the person did ("You ..."), or names their own check.
    assert all(text.startswith(("You ", "How I am doing")) for text in found), found


# -- cost ----------------------------------------------------------------------------------


def queries_for(persona: Persona) -> int:
    with CaptureQueriesContext(connection) as captured:
        growth_of(persona.user, now=NOW)
    return len(captured.captured_queries)


def test_the_summary_costs_the_same_queries_however_long_the_history(db: None) -> None:
    short = make_persona("short@example.org")
    use_everything(short)
    long = make_persona("long@example.org")
    use_everything(long)
    # Much more of everything.
    check_in(long, days=tuple(range(6, 60)))
    write(long, times=20)
    for back in range(20, 40):
        add_entry(
            user=long.user, direction="deposit", kind="stayed_calm", day=days_ago(back), now=NOW
        )
        log_urge(user=long.user, strength=3, at=at(days_ago(back)), now=NOW)
    for name in ("Walk on Sunday", "A call at nine"):
        ritual = add_ritual(user=long.user, name=name, cadence="weekly", now=NOW)
        for back in (1, 8, 15):
            ritual_done(ritual=ritual, day=days_ago(back), now=NOW)
    take(long, "relationship", 4, NOW)
    for stage_id, exercise_id in (("space", "instead_list"), ("moving_on", "grief_waves")):
        for _ in range(3):
            answer_exercise(
                user=long.user,
                stage_id=stage_id,
                exercise_id=exercise_id,
                answers=answers_for(stage_id, exercise_id),
                now=NOW,
            )

    assert len(growth_of(long.user, now=NOW).items) > len(growth_of(short.user, now=NOW).items)
    assert queries_for(long) == queries_for(short)
    assert queries_for(short) <= 15
    assert queries_for(make_persona("new@example.org")) <= 15

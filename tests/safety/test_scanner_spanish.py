"""The safety scanner on Spanish text (scanner_es.py, data/signals_es.toml).

Three fixture sets in tests/safety/es/, all written for this project (see its README):

- tuning.jsonl: the rules were written and tuned against it; held to the same targets as
  the English corpus (danger recall >= 0.95, no imminent miss, <= 10% false alarms);
- holdout.jsonl: written before it was first run; five rules were then fixed from its
  misses, so its figures flatter the scanner. Reported, not asserted;
- fresh.jsonl: written after that, run once, never tuned on. Reported, not asserted.

`python -m tests.safety.test_scanner_spanish` prints all three reports.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.safety import scanner_es
from heartwork.safety.scanner import LEVELS, SIGNAL_CODES, scan
from heartwork.textkit import Layout, normalise
from tests.safety.test_scanner_corpus import CORPUS, load, measure, report

FIXTURES = Path(__file__).parent / "es"
RED = LEVELS.index("red")


def _rows(name: str) -> list[dict[str, Any]]:
    path = FIXTURES / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _at_least(level: str, wanted: str) -> bool:
    return LEVELS.index(level) >= LEVELS.index(wanted)


@pytest.mark.parametrize(
    ("text", "code", "level"),
    [
        ("me quiero morir", "self_harm", "red"),
        ("no aguanto más", "self_harm", "amber"),
        ("quiero desaparecer", "self_harm", "amber"),
        ("ya no quiero estar aquí", "self_harm", "red"),
        ("no quiero vivir", "self_harm", "amber"),
        ("me pegó otra vez", "physical_violence", "red"),
        ("tengo una orden de alejamiento", "legal_boundary", "red"),
        ("tengo una orden de protección", "legal_boundary", "red"),
        ("me bloqueó de todas partes", "legal_boundary", "red"),
        ("me pidió que no la contacte", "legal_boundary", "red"),
        ("me pidió que no lo contacte", "legal_boundary", "red"),
        ("me dijo que me va a matar si lo dejo", "threats", "high_danger"),
        ("me ahorcó contra la pared", "strangulation", "high_danger"),
        ("me amenazó con un cuchillo", "weapon", "high_danger"),
        ("le tengo miedo", "threats", "red"),
        ("se apareció en mi trabajo sin avisar", "stalking", "red"),
        ("no me deja ver a mis amigas y me revisa el celular", "coercive_control", "red"),
        ("dice que estoy loca y que eso nunca pasó", "manipulation", "red"),
        ("dice que se va a matar si no vuelvo", "partner_suicide_threat", "red"),
    ],
)
def test_each_spanish_family_is_found_with_its_level(text: str, code: str, level: str) -> None:
    result = scan(text)
    assert code in result.codes
    assert _at_least(result.level, level)
    span = next(signal for signal in result.signals if signal.code == code)
    assert text[span.start : span.end] == span.text  # spans point into what was typed


@pytest.mark.parametrize(
    ("typed", "accented"),
    [
        ("me pego otra vez", "me pegó otra vez"),
        ("quiero morirme", "quiero morírme"),
        ("tengo una orden de proteccion", "tengo una orden de protección"),
        ("ya no quiero estar aqui", "ya no quiero estar aquí"),
    ],
)
def test_missing_accents_change_nothing(typed: str, accented: str) -> None:
    assert (scan(typed).level, scan(typed).codes) == (scan(accented).level, scan(accented).codes)


@pytest.mark.parametrize(
    "text",
    [
        "k me kiero matar",
        "q ganas de morirme la verdad",
        "kiero morir xq nadie me quiere",
        "me quiero matar, boludo",  # Argentina, vos
        "ya no quiero estar acá, parce",  # Colombia
        "me quiero morir, wey",  # Mexico
    ],
)
def test_sms_spelling_and_dialects_are_read(text: str) -> None:
    result = scan(text)
    assert "self_harm" in result.codes
    assert _at_least(result.level, "red")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("mi novio me dio una piña en la cara", "physical_violence"),  # Argentina
        ("me metió una hostia", "physical_violence"),  # Spain
        ("me dio un madrazo", "physical_violence"),  # Mexico
        ("me cayó a coñazos", "physical_violence"),  # Venezuela
        ("me sacó la cresta cuando llegó", "physical_violence"),  # Chile
        ("vos me pegaste", "physical_violence"),  # a draft to the partner, vos
    ],
)
def test_blows_are_read_across_dialects(text: str, code: str) -> None:
    assert code in scan(text).codes


def test_a_spanish_negation_asks_instead_of_alarming() -> None:
    for text in ("no me quiero morir", "nunca me pegó", "él jamás me ha levantado la mano"):
        result = scan(text)
        assert result.level == "green", text
        assert result.question and result.question.startswith("Mencionaste"), text


def test_no_quiero_vivir_is_a_risk_not_a_denial() -> None:
    # The "no" belongs to the cue itself: the opposite of "no me quiero morir".
    assert scan("no quiero vivir").codes == {"self_harm"}
    assert scan("ya no quiero vivir así").codes == {"self_harm"}


def test_a_condition_is_not_a_denial_and_ya_no_says_it_happened() -> None:
    assert "physical_violence" in scan("si no contesto el teléfono me pega").codes
    assert "physical_violence" in scan("ya no me pega pero me grita").codes


@pytest.mark.parametrize(
    "text",
    [
        "me muero de risa con este video",
        "me mata el calor",
        "me muero de hambre",
        "te voy a matar a besos",
        "me quiero morir de la vergüenza",
        "se me pegó la canción",
        "me sigue en instagram",
        "me sigue gustando",
        "me corté el pelo",
        "le pegué al balón con todo",
        "me pego con la puerta cada mañana",  # "I bump into the door", accent or not
        "se me bloqueó el celular otra vez",  # the phone froze; nobody blocked anyone
    ],
)
def test_idioms_stay_silent(text: str) -> None:
    result = scan(text)
    assert result.level == "green"
    assert not result.signals


def test_a_violent_idiom_about_a_relative_asks_a_question_in_spanish() -> None:
    result = scan("mi mamá me va a matar cuando vea las notas")
    assert result.level == "green"
    assert result.question and result.question.startswith("Suena")


@pytest.mark.parametrize(
    "text",
    [
        "en la película el marido la golpea",
        "la canción dice 'me quiero morir'",
        "el novio de mi amiga le pega",
        "mi perro me mordió jugando",
    ],
)
def test_other_peoples_stories_do_not_raise_the_writers_level(text: str) -> None:
    assert scan(text).level == "green"


def test_plan_with_thoughts_of_suicide_is_a_crisis_and_asks_in_spanish() -> None:
    result = scan("tengo las pastillas guardadas y ya lo decidí, me quiero morir")
    assert result.level == "crisis"
    assert result.question and "quitarte la vida" in result.question


def test_danger_right_now_is_a_crisis_with_the_flag() -> None:
    result = scan("está afuera golpeando la puerta y me dijo que me va a matar")
    assert (result.level, result.imminent) == ("crisis", True)


def test_violence_in_pregnancy_is_high_danger() -> None:
    assert scan("me golpeó cuando estaba embarazada").level == "high_danger"


def test_the_writers_own_acts_are_marked_as_theirs() -> None:
    result = scan("le di una cachetada y se fue llorando")
    assert {"physical_violence", "user_perpetration"} <= result.codes
    assert scan("le revisé el celular cuando se fue a bañar").level == "amber"


def test_english_corpus_raises_no_spanish_cue() -> None:
    # The Spanish families must not change what English texts get.
    corpus = Path(__file__).parent
    for row in load(corpus / "corpus") + load(corpus / "holdout"):
        lowered = normalise(row["text"])
        found = scanner_es.find(lowered, Layout.of(lowered))
        assert not found.hits, row["id"]


@pytest.mark.parametrize("name", ["tuning.jsonl", "holdout.jsonl", "fresh.jsonl"])
def test_fixture_rows_are_well_formed(name: str) -> None:
    rows = _rows(name)
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert set(row["signals"]) <= set(SIGNAL_CODES), row["id"]
        assert row["level"] in LEVELS, row["id"]
        assert bool(row["signals"]) == (row["level"] != "green"), row["id"]


def test_tuning_set_meets_the_corpus_targets() -> None:
    measured = measure(_rows("tuning.jsonl"))
    print("\n" + report(measured))
    assert measured["danger_recall"] >= 0.95, measured["missed_danger"]
    assert measured["missed_imminent"] == []
    assert measured["false_alarm_rate"] <= 0.10, measured["false_alarms"]


@pytest.mark.parametrize("name", ["holdout.jsonl", "fresh.jsonl"])
def test_held_out_sets_are_measured_but_not_asserted(name: str) -> None:
    # No threshold, so nobody tunes the rules line by line on them.
    print(f"\n{name}\n" + report(measure(_rows(name))))


if __name__ == "__main__":
    for name in ("tuning.jsonl", "holdout.jsonl", "fresh.jsonl"):
        print(f"== {name}\n{report(measure(_rows(name)), verbose=True)}\n")


# The first, plain-regex form of the "is this Spanish?" check, kept as the reference: the
# faster set-and-regex form in scanner_es must answer exactly as it does.
_REFERENCE = re.compile(
    r"[áéíóúñ¿¡]|\b(?:que|q|k|xq|pq|porque|pero|estoy|esta|estaba|quiero|kiero|qiero|yo|el|ella"
    r"|mi|mis|se|lo|los|las|una|del|al|muy|ya|nunca|tengo|tiene|es|y|con|por|para|cuando"
    r"|como|mas|otra|vez|hoy|aqui|aca|ahora|novio|novia|esposo|esposa|marido|pareja|dice"
    r"|dijo|nadie|todo|nada|ser|vida|morir|boludo|wey|guey|tio|parce|pana|chamo|ntp|tqm"
    r"|la|de|te|en|un|le|si|eso|esto|hay|vas|va|voy|fue|mucho|miedo|ojala|ahorita"
    r"|ayer|anoche|xfa|porq|xk|tmb|tmbn|aki|dsp|msj"
    r"|\w+(?:arme|erme|irme|arte|erte|irte|arse|erse|irse)"
    r"|\w{3,}(?:arle|erle|irle|arla|erla|irla|arlo|erlo|irlo|arlos|erlos|irlos|arlas|erlas|irlas)"
    r"|vos|sos|che|usted|ustedes|tu|nos"
    r"|me (?:peg|golpe|bloque|amenaz|ahorc|quier|mat|cort|sigu|acos|revis|quit|control|oblig"
    r"|pid|di|dej|empuj|pate|lastim|estrangul|viol|maltrat|persigu|espi|vigil)\w*"
    r"|m (?:peg|golpe|bloque|amenaz|ahorc|revis|control|oblig|empuj|pate|lastim|estrangul"
    r"|maltrat|persigu|vigil|acos|dej)\w*)\b"
)
_PIECES = st.sampled_from(
    [
        "que",
        "me pegó",
        "me pego",
        "parse",
        "verse",
        "arse",
        "darse",
        "the",
        "ñ",
        "I",
        "q",
        "ko",
        "la",
        "lab",
        "me",
        "mat",
        "matar",
        "morirme",
        "x",
        "sos",
        "m pego",
        "m ",
        "contestarle",
        "carlos",
        "arla",
        "ayer",
        "-",
        " ",
        ", ",
        "\n",
        "'",
    ]
)


@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=12).map("".join))
def test_the_quick_spanish_check_answers_as_the_reference_regex(text: str) -> None:
    lowered = text.lower()
    assert scanner_es.looks_spanish(lowered) == (_REFERENCE.search(lowered) is not None)


def test_the_quick_spanish_check_answers_as_the_reference_on_every_fixture() -> None:
    spanish = [row["text"] for name in sorted(FIXTURES.glob("*.jsonl")) for row in _rows(name.name)]
    english = [row["text"] for row in load()] + [
        row["text"] for row in load(CORPUS.parent / "holdout")
    ]
    for text in [*spanish, *english]:
        lowered = normalise(text).lower()
        assert scanner_es.looks_spanish(lowered) == (_REFERENCE.search(lowered) is not None), text

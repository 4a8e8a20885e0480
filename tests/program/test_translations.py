"""Content in another language: content/<code>/ mirrors the English file by file, checked by
the same schema plus a mirror check, reported at its line (docs/program.md, "Languages")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from heartwork.cli import main
from heartwork.journal.prompts import check_translation as check_prompts
from heartwork.languages import TRANSLATED, mirror_errors
from heartwork.program.content import check_dir, check_translation, default_dir, load
from heartwork.program.mirror import text_keys
from heartwork.program.readability import ease_es, syllables_es
from heartwork.safety.screens import translation_errors as screen_translation_errors
from heartwork.wellbeing.questions import translation_errors as check_translation_errors

ENGLISH = """\
schema_version: 1
id: space
title: Give space
kind: main
reconnection: false
purpose: Why this stage is here, in a few words.
reading:
  - One short paragraph about giving space.
exercises:
  - id: cool_down
    title: Your cool-down
    intro: Pick how long you will wait before you write.
    type: reflection
    questions:
      - id: days
        type: number
        text: How many days will you wait?
        min: 1
        max: 90
        unit: days
      - id: feel
        type: choice
        text: How does waiting feel today?
        options:
          - id: calm
            text: Calm
          - id: hard
            text: Hard
            guidance: A hard day passes. Try the grounding exercise for a few minutes.
ready_check:
  - id: done
    text: I kept to the plan for a week.
    if_not: Keep going, one day at a time.
"""

SPANISH = """\
schema_version: 1
id: space
title: Dar espacio
kind: main
reconnection: false
purpose: Por qué está esta etapa aquí, en pocas palabras.
reading:
  - Un párrafo corto sobre dar espacio.
exercises:
  - id: cool_down
    title: Tu periodo de calma
    intro: Elige cuánto vas a esperar antes de escribir.
    type: reflection
    questions:
      - id: days
        type: number
        text: ¿Cuántos días vas a esperar?
        min: 1
        max: 90
        unit: días
      - id: feel
        type: choice
        text: ¿Cómo se siente esperar hoy?
        options:
          - id: calm
            text: Calma
          - id: hard
            text: Difícil
            guidance: Un día difícil pasa. Prueba el ejercicio para calmarte unos minutos.
ready_check:
  - id: done
    text: Cumplí el plan durante una semana.
    if_not: Sigue, un día a la vez.
"""


def tree(tmp_path: Path, spanish: str | None = SPANISH) -> Path:
    """A small content folder: one English stage and (unless None) its Spanish mirror."""
    (tmp_path / "stages").mkdir()
    (tmp_path / "stages" / "space.yaml").write_text(ENGLISH, encoding="utf-8")
    if spanish is not None:
        (tmp_path / "es" / "stages").mkdir(parents=True)
        (tmp_path / "es" / "stages" / "space.yaml").write_text(spanish, encoding="utf-8")
    return tmp_path


def errors_of(root: Path) -> list[str]:
    _, errors = check_dir(root, ["es"])
    return [f"{error.path.relative_to(root)}:{error.line}: {error.reason}" for error in errors]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_faithful_translation_passes_and_reads_in_spanish(tmp_path: Path) -> None:
    root = tree(tmp_path)
    assert errors_of(root) == []
    english = load(root)
    translation, _ = check_translation(root, "es", english)
    spanish = translation.over(english)
    assert spanish.stages["space"].title == "Dar espacio"
    assert spanish.stages["space"].exercises[0].questions[0].unit == "días"
    # The English itself is untouched.
    assert english.stages["space"].title == "Give space"


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("- id: calm", "- id: calma", "id: must be the same as in English ('calm')"),
        ("max: 90", "max: 60", "max: must be the same as in English (90)"),
        ("type: choice", "type: yes_no", "type: must be the same as in English ('choice')"),
        (
            "purpose: Por qué está esta etapa aquí, en pocas palabras.",
            "purpose: Why this stage is here, in a few words.",
            "purpose: not translated (the same as the English)",
        ),
        (
            "intro: Elige cuánto vas a esperar antes de escribir.",
            "intro: Pick how long you will wait before you write.",
            "intro: not translated (the same as the English)",
        ),
        (
            "  - Un párrafo corto sobre dar espacio.\n",
            "  - Un párrafo corto sobre dar espacio.\n  - Y otro más.\n",
            "reading: 1 in English, 2 here",
        ),
        (
            "            guidance: Un día difícil pasa. Prueba el ejercicio para calmarte unos "
            "minutos.\n",
            "",
            "guidance: translate this text too (the English has one)",
        ),
    ],
)
def test_a_mismatched_translation_is_reported_at_its_line(
    tmp_path: Path, old: str, new: str, reason: str
) -> None:
    assert SPANISH.count(old) == 1
    root = tree(tmp_path, SPANISH.replace(old, new))
    # A missing field is reported at the item it is missing from.
    line = line_of(SPANISH, "- id: hard" if not new else old)
    found = errors_of(root)
    assert f"es/stages/space.yaml:{line}: {reason}" in found
    # Nothing else, but what the schema itself says about the same slip (a type's options).
    assert all(error.startswith("es/stages/space.yaml:") for error in found)


def test_a_translation_is_checked_by_the_same_schema(tmp_path: Path) -> None:
    root = tree(tmp_path, SPANISH.replace("text: Calma\n", "text: ''\n"))
    found = errors_of(root)
    assert len(found) == 1 and found[0].startswith("es/stages/space.yaml:")
    assert "options[0].text: String should have at least 1 character" in found[0]


def test_a_missing_translation_file_is_named(tmp_path: Path) -> None:
    root = tree(tmp_path, None)
    (tmp_path / "es" / "stages").mkdir(parents=True)
    assert errors_of(root) == ["es/stages/space.yaml:1: no Español translation of this stage yet"]


def test_a_translated_file_with_no_english_stage_is_an_error(tmp_path: Path) -> None:
    root = tree(tmp_path)
    (root / "es" / "stages" / "moving_on.yaml").write_text(SPANISH, encoding="utf-8")
    assert "es/stages/moving_on.yaml:1: no English stage file has this name" in errors_of(root)


def test_a_wrong_translation_shows_in_english_until_it_is_right(tmp_path: Path) -> None:
    root = tree(tmp_path, SPANISH.replace("max: 90", "max: 60"))
    english = load(root)
    translation, errors = check_translation(root, "es", english)
    assert errors
    assert translation.over(english).stages["space"].title == "Give space"


def test_the_text_fields_come_from_the_schema_and_cover_what_translators_translate() -> None:
    told = {"title", "purpose", "reading", "text", "help", "why", "intro", "low", "high"}
    told |= {"explain", "about", "guidance"}
    assert told <= text_keys()
    # Ids, types, conditions and numbers are structure: never translated.
    assert not {"id", "type", "if", "then", "min", "max", "weights", "app"} & text_keys()


def test_content_check_exits_2_for_a_missing_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tree(tmp_path, None)
    assert main(["content", "check", "--dir", str(root)]) == 2
    err = capsys.readouterr().err
    assert f"{root}/es/stages/space.yaml:1: no Español translation of this stage yet" in err


def test_content_check_exits_2_for_a_mismatched_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tree(tmp_path, SPANISH.replace("- id: hard", "- id: dificil"))
    assert main(["content", "check", "--dir", str(root)]) == 2
    line = line_of(SPANISH, "- id: hard")
    assert f"es/stages/space.yaml:{line}: id: must be the same as in English" in (
        capsys.readouterr().err
    )


# -- the shipped content ------------------------------------------------------------


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_english_file_has_a_translation_that_mirrors_it(code: str) -> None:
    english = load()
    _, errors = check_translation(default_dir(), code, english)
    assert [str(error) for error in errors] == []
    assert check_prompts(code) == []


def test_content_check_names_a_journal_prompt_translation_that_lost_an_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "content"
    shutil.copytree(default_dir(), copy)
    path = copy / "es" / "prompts.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: on_my_mind", "id: en_mi_mente"),
        encoding="utf-8",
    )
    assert main(["content", "check", "--dir", str(copy)]) == 2
    assert f"{path}:1: general: the ids must be as in English" in capsys.readouterr().err


# -- the Spanish reading measure ------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [("sol", 1), ("cielo", 2), ("cuidar", 2), ("leer", 2), ("día", 2), ("pareja", 3)],
)
def test_spanish_syllables_count_diphthongs_once_and_split_hiatus(word: str, count: int) -> None:
    assert syllables_es(word) == count


def test_short_plain_spanish_reads_easier_than_long_dense_spanish() -> None:
    plain = "Hoy es un buen día. Sal a caminar. Llama a una amiga."
    dense = (
        "La reconstrucción progresiva de la confianza interpersonal requiere "
        "necesariamente una consideración detenida de las responsabilidades "
        "individuales y de las circunstancias concurrentes en la relación."
    )
    assert ease_es(dense) < 50 < 80 < ease_es(plain)


# -- data beside the code: safety questions, well-being checks -------------------------


def test_the_safety_questions_and_well_being_checks_have_mirrored_translations() -> None:
    for code in TRANSLATED:
        assert screen_translation_errors(code) == []
        assert check_translation_errors(code) == []


def test_a_translated_data_file_may_change_only_its_words() -> None:
    english = {"screens": [{"id": "harm", "title": "How they treat you", "yes": "red"}]}
    keys = frozenset({"title"})
    ok = {"screens": [{"id": "harm", "title": "Cómo te trata", "yes": "red"}]}
    assert mirror_errors(english, ok, keys) == []
    softer = {"screens": [{"id": "harm", "title": "Cómo te trata", "yes": "amber"}]}
    assert mirror_errors(english, softer, keys) == [
        "screens[0].yes: must be the same as in English ('red')"
    ]
    untranslated = {"screens": [{"id": "harm", "title": "How they treat you", "yes": "red"}]}
    assert mirror_errors(english, untranslated, keys) == [
        "screens[0].title: not translated (the same as the English)"
    ]
    assert mirror_errors(english, {"screens": []}, keys) == ["screens: 1 items in English"]

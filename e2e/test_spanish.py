"""Heartwork in Spanish: the person picks the language, and the pages, the safety check, the
program and the help lines follow (issue 9, "a second language").

docs/settings.md, "Language": a visitor gets their browser's language when Heartwork speaks
it, or what they pick with the switch on the public pages; sign-up saves it on the account,
and the account page changes it. Every page on the way is scanned by axe in Spanish.

The help lines follow the country, not the language: the table has no checked lines yet for
a Spanish-speaking country (docs/safety.md, "Gaps we know about"), so a person in Mexico,
Spain or Argentina gets, in Spanish, the advice to call the local emergency number and the
international directory.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import PASSWORD, NewContext, unique_email
from e2e.journeys import SPANISH, PageChecks, answer_situation, choose, take_safety_check


def _lang(page: Page) -> str:
    lang: str = page.evaluate("() => document.documentElement.lang")
    return lang


def _sign_up_in_spanish(page: Page) -> str:
    """The sign-up page, found and filled by its Spanish labels."""
    email = unique_email("es")
    page.goto("/accounts/signup/")
    expect(page.get_by_role("heading", name="Crea tu cuenta")).to_be_visible()
    form = page.locator("form").filter(has=page.get_by_label("Repite la contraseña"))
    form.get_by_label("Correo electrónico").fill(email)
    form.get_by_label("Contraseña", exact=True).fill(PASSWORD)
    form.get_by_label("Repite la contraseña").fill(PASSWORD)
    form.get_by_role("button", name="Crear cuenta").click()
    page.wait_for_load_state()
    return email


def test_a_visitor_picks_spanish_and_the_pages_the_check_and_the_program_follow(
    new_context: NewContext,
) -> None:
    checks = PageChecks()
    # An English browser: Spanish is the person's own choice, made on the welcome page.
    page = new_context(locale="en-GB").new_page()
    page.goto("/")
    assert _lang(page) == "en"
    page.get_by_label("Language").select_option(label="Español")
    page.get_by_role("button", name="Change language").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Un lugar privado para atravesar un momento difícil"
    )
    assert _lang(page) == "es"
    checks.visit(page, "/ (es)")

    email = _sign_up_in_spanish(page)
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_attached()
    expect(page.get_by_role("heading", name="La revisión de seguridad")).to_be_visible()
    checks.visit(page, "/safety/check/ (es)")

    # The safety check's questions come from screens.es.toml.
    take_safety_check(page, checks, partner="Ana", words=SPANISH)

    # Where things stand, in Spanish (content/es/onboarding.yaml).
    answer_situation(
        page,
        checks,
        save="Guardar y seguir",
        **{
            "¿Cómo están las cosas": "Nos estamos dando un tiempo",
            "¿Quién terminó": "Las dos partes",
            "¿Cuándo terminó": "Hace entre uno y tres meses",
            "¿Cuándo fue tu último contacto": "Hace entre uno y tres meses",
            "traicionó": "No",
            "te pidió espacio": "No me pidió nada",
        },
    )
    expect(page).to_have_url(re.compile(r"/start/plan/$"))
    checks.visit(page, "/start/plan/ (es)")

    # The program's content comes from content/es: the stage and its exercise in Spanish.
    page.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="Programa", exact=True
    ).click()
    checks.visit(page, "/program/ (es)")
    page.get_by_role("link", name="¿De verdad quiero que volvamos?").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("¿De verdad quiero que volvamos?")
    checks.visit(page, "/program/want_them_back/ (es)")
    page.get_by_role("link", name=re.compile(r"Empezar\W+¿Qué extraño\?")).click()
    expect(page.get_by_role("heading", name="¿Qué extraño?")).to_be_visible()
    checks.visit(page, "/program/want_them_back/motive_check/ (es)")

    # An urge, saved through the Spanish form.
    page.goto("/space/urges/")
    choose(page, "¿Qué tan fuerte fue el impulso?", "5")
    page.get_by_label("¿Qué lo provocó? (opcional)").fill("Una canción en la radio")
    page.get_by_role("button", name="Guardar este impulso").click()
    expect(page.get_by_role("region", name="Tus impulsos")).to_contain_text(
        "Una canción en la radio"
    )
    checks.visit(page, "/space/urges/ (es)")

    # The choice is saved on the account: an English browser that logs in gets Spanish.
    other = new_context(locale="en-GB").new_page()
    other.goto("/accounts/login/")
    other.locator("input[name=username], input[name=email]").first.fill(email)
    other.locator("input[name=password]").fill(PASSWORD)
    other.locator("form").filter(has=other.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    other.wait_for_load_state()
    expect(other.get_by_role("button", name="Cerrar sesión")).to_be_attached()
    assert _lang(other) == "es"

    # ... and the account page changes it back.
    other.goto("/accounts/")
    checks.visit(other, "/accounts/ (es)")
    other.get_by_label("Idioma", exact=True).select_option(label="English")
    other.get_by_role("button", name="Guardar idioma").click()
    expect(other.get_by_role("status")).to_contain_text("Your language is saved.")
    assert _lang(other) == "en"
    expect(other.get_by_role("button", name="Log out")).to_be_attached()

    checks.assert_clean()


@pytest.mark.parametrize("country", ["MX", "ES", "AR"])
def test_a_spanish_speaker_where_we_have_no_checked_lines_gets_the_lines_for_anywhere(
    new_context: NewContext, country: str
) -> None:
    checks = PageChecks()
    # A Spanish browser: the pages are in Spanish without picking anything.
    page = new_context(locale="es-MX").new_page()
    page.goto(f"/help/?country={country}")
    assert _lang(page) == "es"
    main = page.get_by_role("main")
    expect(main.get_by_role("status")).to_contain_text(
        "Todavía no tenemos líneas de ayuda verificadas para ese país."
    )
    expect(main.get_by_role("heading", name="En peligro ahora mismo")).to_be_visible()
    expect(main).to_contain_text("Llama al número de emergencias de tu zona")
    expect(main.get_by_role("link", name="Abrir Find A Helpline")).to_have_attribute(
        "href", re.compile(r"^https://findahelpline\.com")
    )
    checks.visit(page, f"/help/?country={country} (es)")
    checks.assert_clean()


def test_a_spanish_speaker_in_the_united_states_sees_which_lines_answer_in_spanish(
    new_context: NewContext,
) -> None:
    page = new_context(locale="es-US").new_page()
    page.goto("/help/?country=US")
    assert _lang(page) == "es"
    crisis = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name="988 Suicide & Crisis Lifeline")
    )
    expect(crisis.locator("a[href='tel:988']")).to_be_visible()
    expect(crisis).to_contain_text(re.compile(r"Idiomas: .*español", re.I))
    checks = PageChecks()
    checks.visit(page, "/help/?country=US (es)")
    checks.assert_clean()


def test_the_language_switch_works_without_javascript(new_context: NewContext) -> None:
    page = new_context(locale="en-GB", java_script_enabled=False).new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Language").select_option(label="Español")
    page.get_by_role("button", name="Change language").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Iniciar sesión"))
    assert page.locator("html").get_attribute("lang") == "es"

"""The coach page: write a message, see what may work against you as you type.

The panel is re-rendered by htmx from /coach/analyze/ while typing; without JavaScript
the form's button posts to the page itself and the panel is rendered there.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from heartwork import coach
from heartwork.coach import MAX_CHARS
from heartwork.drafts.highlight import highlight
from heartwork.drafts.models import Draft
from tests.coach_fakes import (
    SORRY_BUT,
    analysis,
    fake_coach,
    finding,
    safety_of,
)
from tests.conftest import Persona, csrf_post, pass_safety_check
from tests.web.pages import (
    Element,
    Page,
    assert_page_basics,
    control,
    field_error,
    html_of,
    inline_scripts,
    inline_styles,
    parse,
    source,
)
from tests.web.steps import ClientFor


# The coach helps someone contact a partner: it opens only after the safety check
# (tests/safety/test_gating_routes.py checks that it stays shut until then).
@pytest.fixture
def alex(alex: Persona) -> Persona:
    pass_safety_check(alex)
    return alex


PAGE = "/coach/"
PANEL = "/coach/analyze/"
GENTLE = (
    "Hi. I hope your week is going well. I'd be glad to talk one day if you ever want to; "
    "no need to answer."
)


def panel_of(response: Page) -> Element:
    """The analysis panel: the whole answer of /coach/analyze/, or its box on the page."""
    doc = html_of(response)
    box = doc.find(attrs={"id": "coach-panel"})
    return doc if box is None else box


def flat(node: Element) -> str:
    """The text inside exactly as written, with no spaces added between elements."""
    return "".join(child if isinstance(child, str) else flat(child) for child in node.children)


def check(client: Client, text: str, kind: str = "auto", **extra: str) -> HttpResponse:
    """The page's "Check my message" button, as a browser without JavaScript sends it."""
    return csrf_post(client, PAGE, {"text": text, "kind": kind, "action": "check", **extra})


def typed(client: Client, text: str, kind: str = "auto", **extra: str) -> HttpResponse:
    """What htmx sends while someone types: the form's fields, to the panel's address."""
    return csrf_post(client, PANEL, {"text": text, "kind": kind, **extra})


# -- the page ----------------------------------------------------------------------------


def test_the_page_has_a_labelled_message_box_kind_menu_and_optional_sending_time(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(PAGE)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert control(doc, "text").tag == "textarea"
    assert control(doc, "text").attrs.get("autocomplete") == "off"
    menu = control(doc, "kind")
    assert menu.tag == "select"
    options = {o.attrs["value"]: o.text() for o in menu.find_all("option")}
    assert list(options) == ["auto", "apology", "reach_out", "conflict_reply"]
    assert "first message after distance" in options["reach_out"]
    assert "argument" in options["conflict_reply"]
    assert "selected" in menu.one("option", {"value": "auto"}).attrs
    when = control(doc, "sent_at")
    assert when.attrs["type"] == "datetime-local"
    assert "optional" in doc.one("label", {"for": when.attrs["id"]}).text()


def test_the_form_updates_the_panel_with_htmx_as_you_type(
    alex: Persona, client_for: ClientFor
) -> None:
    doc = html_of(client_for(alex).get(PAGE))

    form = doc.one("main").one("form")
    assert form.attrs["hx-post"] == PANEL
    assert form.attrs["hx-trigger"] == "input changed delay:500ms, change"
    assert form.attrs["hx-target"] == "#coach-panel"
    assert doc.one(attrs={"id": "coach-panel"}) is not None
    # Without JavaScript the same form posts to the page itself.
    assert (form.attrs["method"], form.attrs["action"]) == ("post", PAGE)
    assert form.find("input", {"name": "csrfmiddlewaretoken"}) is not None
    buttons = {b.attrs.get("value"): b.text() for b in form.find_all("button")}
    assert buttons == {"check": "Check my message", "save": "Save draft"}


def test_the_page_loads_htmx_from_our_own_files_and_has_no_inline_code(
    alex: Persona, client_for: ClientFor
) -> None:
    doc = html_of(client_for(alex).get(PAGE))

    sources = [script.attrs.get("src", "") for script in doc.find_all("script")]
    assert any("htmx" in src and src.startswith("/static/") for src in sources)
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []


def test_the_page_offers_the_saved_drafts_and_is_in_the_menu(
    alex: Persona, client_for: ClientFor
) -> None:
    doc = html_of(client_for(alex).get(PAGE))

    nav = doc.one("nav", {"aria-label": "Main"})
    assert nav.find("a", {"href": PAGE}) is not None
    assert nav.one("a", {"href": PAGE}).text() == "Coach"
    assert doc.one("main").find("a", {"href": "/coach/drafts/"}) is not None


def test_before_anything_is_written_the_panel_says_notes_will_appear(
    alex: Persona, client_for: ClientFor
) -> None:
    panel = panel_of(client_for(alex).get(PAGE))

    assert "notes appear here" in panel.text()


@pytest.mark.parametrize("url", [PAGE, "/coach/drafts/"])
def test_coach_pages_are_never_stored_by_the_browser(
    alex: Persona, client_for: ClientFor, url: str
) -> None:
    response = client_for(alex).get(url)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_panel_is_never_stored_by_the_browser_either(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch)

    response = typed(client_for(alex), SORRY_BUT)

    assert "no-store" in response["Cache-Control"]


def test_the_coach_needs_you_to_be_logged_in(visitor: Client) -> None:
    page = visitor.get(PAGE)
    panel = csrf_post(visitor, PANEL, {"text": SORRY_BUT})

    assert page["Location"] == "/accounts/login/?next=/coach/"
    assert panel["Location"].startswith("/accounts/login/")


def test_a_panel_request_after_logging_out_sends_the_whole_page_to_log_in(
    visitor: Client,
) -> None:
    token = "t" * 32
    visitor.cookies["csrftoken"] = token
    response = visitor.post(
        PANEL,
        {"text": SORRY_BUT, "csrfmiddlewaretoken": token},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=/coach/"
    assert response.content == b""


def test_the_panel_address_only_takes_posts(alex: Persona, client_for: ClientFor) -> None:
    assert client_for(alex).get(PANEL).status_code == 405


def test_the_panel_refuses_a_post_without_the_forms_csrf_token(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).post(PANEL, {"text": SORRY_BUT, "kind": "auto"})

    assert response.status_code == 403


# -- what the panel says (with a stand-in coach, so the rules do not matter here) ----------


def test_without_javascript_checking_renders_the_panel_on_the_page(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch)

    response = check(client_for(alex), SORRY_BUT, kind="apology")

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert control(doc, "text").text() == SORRY_BUT  # what was written stays in the box
    panel = panel_of(response)
    assert "Worth another look" in panel.one("h2").text()
    marks = panel.find_all("mark")
    assert [m.text() for m in marks] == ["Sorry, but", "you pushed me"]


def test_while_typing_the_panel_shows_the_verdict_the_marks_and_each_note(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch)

    response = typed(client_for(alex), SORRY_BUT, kind="apology")

    panel = panel_of(response)
    assert panel.find("html") is None  # just the panel, not a whole page
    assert "Worth another look" in panel.one("h2").text()
    text_box = panel.one(class_="coach-text")
    assert flat(text_box) == SORRY_BUT
    mark = text_box.find_all("mark")[0]
    assert {"mark", "mark-high"} <= mark.classes
    assert mark.attrs["title"] == "but undo"
    notes = panel.one("ol", class_="coach-findings").find_all("li")
    first = notes[0].text()
    assert "But undo" in first and '"Sorry, but"' not in first
    assert "Sorry, but" in first and "Why but_undo hurts." in first
    assert "Try: I'm sorry." in first
    assert "Say what you will do differently." in panel.one(class_="coach-suggestions").text()


def test_sending_time_and_kind_reach_the_coach(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_coach(monkeypatch, lambda t: analysis(t))

    typed(client_for(alex), "Hi\r\nthere", kind="reach_out", sent_at="2025-03-01T23:45")

    [call] = fake.calls
    assert call["kind"] == "reach_out"
    assert call["sent_at"].isoformat() == "2025-03-01T23:45:00"  # the time as typed
    assert call["text"] == "Hi\nthere"  # one new line, as the spans count it


def test_at_most_three_notes_show_and_the_rest_wait_behind_a_disclosure(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "one two three four five"
    words = text.split()
    fake_coach(
        monkeypatch,
        lambda t: analysis(t, findings=[finding(t, word, f"label_{word}") for word in words]),
    )

    panel = panel_of(typed(client_for(alex), text))

    shown = panel.find_all("ol", class_="coach-findings")[0]
    assert shown.find("details") is None
    assert len(shown.find_all("li")) == 3
    details = panel.one("details")
    assert "2 more notes" in details.one("summary").text()
    assert len(details.find_all("li")) == 2
    assert "label four" in details.text().lower()


def test_a_safety_concern_shows_a_calm_notice(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "If you leave I will make you pay."
    fake_coach(
        monkeypatch,
        lambda t: analysis(t, verdict="hold", safety=safety_of(t, "I will make you pay")),
    )

    panel = panel_of(typed(client_for(alex), text))

    notice = panel.one(class_="coach-safety")
    words = notice.text()
    assert "These words can frighten the person who reads them." in words
    assert "someone you trust" in words
    for alarm in ("warning", "danger", "alert", "emergency", "!", "police"):
        assert alarm not in words.lower(), alarm
    assert "Hold it for now" in panel.one("h2").text()


def test_no_safety_notice_when_there_is_no_concern(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch)

    panel = panel_of(typed(client_for(alex), SORRY_BUT))

    assert panel.find(class_="coach-safety") is None


def test_html_in_the_message_is_shown_as_text_inside_the_marks_too(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Sorry, but <script>alert('x')</script> you <b>made</b> me"
    fake_coach(
        monkeypatch,
        lambda t: analysis(
            t, findings=[finding(t, "<script>alert('x')</script> you <b>made", "x")]
        ),
    )

    response = typed(client_for(alex), text)

    markup = response.content.decode()
    assert "<script>" not in markup and "<b>" not in markup
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in markup
    assert flat(panel_of(response).one(class_="coach-text")) == text


def test_the_panel_has_no_inline_code(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch)

    panel = parse(typed(client_for(alex), SORRY_BUT).content.decode())

    assert inline_scripts(panel) == [] and inline_styles(panel) == []
    assert all(not a.startswith("on") for node in panel.descendants() for a in node.attrs)


def test_checking_stores_nothing_and_writes_nothing_to_the_database(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch)
    client = client_for(alex)
    client.get(PAGE)

    with CaptureQueriesContext(connection) as queries:
        typed(client, SORRY_BUT)
        check(client, SORRY_BUT)

    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert not Draft.objects.exists()


# -- what is refused -----------------------------------------------------------------------


def test_an_empty_message_gets_no_analysis_and_no_scolding(
    alex: Persona, client_for: ClientFor
) -> None:
    panel = panel_of(typed(client_for(alex), "   "))

    assert "notes appear here" in panel.text()
    assert panel.find(class_="coach-problem") is None


def test_checking_an_empty_message_without_javascript_asks_for_text(
    alex: Persona, client_for: ClientFor
) -> None:
    response = check(client_for(alex), "")

    assert "Write your message first" in field_error(response, "text")


def test_a_message_over_20000_characters_is_refused_saying_the_limit(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    panel = panel_of(typed(client, "a" * (MAX_CHARS + 1)))
    page = check(client, "a" * (MAX_CHARS + 1))

    assert "20,000" in panel.one(class_="coach-problem").text()
    assert "20,000" in field_error(page, "text")


def test_an_unknown_kind_is_refused_in_the_panel(alex: Persona, client_for: ClientFor) -> None:
    panel = panel_of(typed(client_for(alex), SORRY_BUT, kind="diary"))

    assert panel.one(class_="coach-problem").text()
    assert panel.find("mark") is None


def test_a_sending_time_that_is_not_a_time_is_refused_next_to_it(
    alex: Persona, client_for: ClientFor
) -> None:
    response = check(client_for(alex), SORRY_BUT, sent_at="tonight")

    assert field_error(response, "sent_at")


# -- the highlighting itself ---------------------------------------------------------------


def test_highlighting_escapes_every_part_of_the_text() -> None:
    text = 'a <i>&"b"</i> c'
    marked = highlight(text, [finding(text, '<i>&"b"', "x", "low")])

    assert str(marked) == (
        'a <mark class="mark mark-low" title="x">&lt;i&gt;&amp;&quot;b&quot;</mark>&lt;/i&gt; c'
    )


def test_overlapping_spans_are_marked_once_the_more_severe_first() -> None:
    text = "you made me do it"
    marks = parse(
        highlight(
            text,
            [finding(text, "you made", "a", "low"), finding(text, "made me do", "b", "high")],
        )
    ).find_all("mark")

    assert [(m.text(), m.attrs["class"]) for m in marks] == [
        ("you made", "mark mark-low"),
        ("me do", "mark mark-high"),
    ]


def test_spans_outside_the_text_are_ignored_and_unknown_severities_read_as_medium() -> None:
    text = "short"
    odd = coach.Finding("r", "x", "extreme", 2, 99, "ort", "why", "try")
    empty = coach.Finding("r", "y", "low", 9, 12, "", "why", "try")

    assert str(highlight(text, [odd, empty])) == (
        'sh<mark class="mark mark-medium" title="x">ort</mark>'
    )


# -- with the coach's rules ----------------------------------------------------------------


def test_the_issues_apology_example_is_marked_on_the_page(
    alex: Persona, client_for: ClientFor
) -> None:
    response = check(client_for(alex), SORRY_BUT, kind="apology")

    panel = panel_of(response)
    labels = {m.attrs["title"] for m in panel.one(class_="coach-text").find_all("mark")}
    assert {"but undo", "blame shifting"} <= labels
    assert flat(panel.one(class_="coach-text")) == SORRY_BUT


def test_a_gentle_first_message_is_ready_to_send(alex: Persona, client_for: ClientFor) -> None:
    panel = panel_of(typed(client_for(alex), GENTLE))

    assert "Ready to send" in panel.one("h2").text()
    assert panel.find("mark") is None
    assert panel.find(class_="coach-findings") is None


def test_a_real_analysis_of_html_shows_it_as_text(alex: Persona, client_for: ClientFor) -> None:
    text = "Sorry, but <script>alert(1)</script> you made me do it."

    response = typed(client_for(alex), text, kind="apology")

    assert "<script>alert(1)" not in response.content.decode()
    assert "<script>alert(1)" in source(response)
    assert flat(panel_of(response).one(class_="coach-text")) == text

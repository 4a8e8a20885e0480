"""Matching journal entries against search words (heartwork.journal.search): pure."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from heartwork.journal.search import MAX_TERMS, QUERY_MAX_CHARS, fold, matches, terms_of

words = st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=12)
texts = st.text(max_size=200)


def test_capitals_and_accents_do_not_matter() -> None:
    assert matches(terms_of("cafe"), "", "We met at the Café Noir.")
    assert matches(terms_of("CAFÉ"), "the cafe", "")
    assert matches(terms_of("strasse"), "Hauptstraße 4", "")


def test_every_word_must_appear_in_the_title_or_the_body() -> None:
    assert matches(terms_of("river walk"), "By the river", "We walked for an hour.")
    assert not matches(terms_of("river walk"), "By the river", "We sat for an hour.")


def test_a_word_is_found_inside_a_longer_word() -> None:
    assert matches(terms_of("walk"), "", "walked")


def test_a_search_with_no_words_matches_nothing() -> None:
    assert terms_of("   \n ") == ()
    assert not matches((), "anything", "at all")


def test_repeated_words_count_once_and_the_number_of_words_is_bounded() -> None:
    assert terms_of("calm Calm CALM") == ("calm",)
    many = " ".join(f"w{i}" for i in range(MAX_TERMS + 5))
    assert len(terms_of(many)) == MAX_TERMS
    assert terms_of("x" * (QUERY_MAX_CHARS + 50)) == ("x" * QUERY_MAX_CHARS,)


@given(texts, texts, st.data())
def test_any_word_of_an_entry_finds_it(title: str, body: str, data: st.DataObject) -> None:
    present = fold(f"{title} {body}").split()
    if not present:
        return
    word = data.draw(st.sampled_from(present))

    assert matches(terms_of(word), title, body)


@given(st.lists(words, min_size=1, max_size=5), texts)
def test_all_of_an_entrys_words_together_find_it(chosen: list[str], body: str) -> None:
    title = " ".join(chosen)

    assert matches(terms_of(title), title, body)


@given(words, texts)
def test_adding_a_word_never_finds_more(word: str, text: str) -> None:
    query = "the"
    if matches(terms_of(f"{query} {word}"), text, ""):
        assert matches(terms_of(query), text, "")

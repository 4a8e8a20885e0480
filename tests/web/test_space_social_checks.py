"""/space/social-checks/: one tap counts a look at their profile or posts."""

from __future__ import annotations

from heartwork.space import services
from heartwork.space.models import SocialCheck
from tests.conftest import Persona, csrf_post
from tests.web.pages import assert_page_basics, main_text, messages
from tests.web.steps import ClientFor

URL = "/space/social-checks/"


def test_one_tap_counts_one_look_and_says_the_weeks_count(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    services.log_social_check(user=alex.user)

    response = csrf_post(client, URL)

    assert response.status_code == 302 and response["Location"] == URL
    page = client.get(URL)
    assert messages(page)[0].startswith("Counted: 2 looks in the last 7 days.")
    assert SocialCheck.objects.filter(user=alex.user).count() == 2


def test_the_page_says_it_is_not_a_slip_and_lists_the_looks(
    alex: Persona, client_for: ClientFor
) -> None:
    check = services.log_social_check(user=alex.user)

    response = client_for(alex).get(URL)

    doc = assert_page_basics(response)
    assert "It is not a slip" in main_text(response)
    item = doc.one("li", attrs={"data-check": str(check.id)})
    assert item.one("a").attrs["href"] == f"/space/social-checks/{check.id}/delete/"


def test_a_look_can_be_taken_off_the_count_only_by_its_owner(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    mine = services.log_social_check(user=alex.user)
    theirs = services.log_social_check(user=sam.user)
    client = client_for(alex)

    assert csrf_post(client, f"/space/social-checks/{theirs.id}/delete/").status_code == 404
    assert csrf_post(client, f"/space/social-checks/{mine.id}/delete/").status_code == 302
    assert list(SocialCheck.objects.values_list("id", flat=True)) == [theirs.id]

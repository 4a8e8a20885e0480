"""The browser can reach the server and the axe scan runs with the CSP on."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, assert_no_horizontal_scroll, sign_up


def test_sign_up_in_a_phone_sized_browser_lands_logged_in(page: Page) -> None:
    sign_up(page)

    expect(page.get_by_role("button", name="Log out")).to_be_attached()
    assert_no_horizontal_scroll(page)
    assert_accessible(page)

"""Your data: download it all after typing the password again, then delete everything.

docs/privacy.md: the export is a zip (a JSON file, one Markdown file per section and a
README), behind a password typed in the last 10 minutes; deleting needs the password and
the words "delete everything", and afterwards the account is gone: logging in fails.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect
from tests.serving import Deployment

from e2e.conftest import log_in, sign_up
from e2e.journeys import PageChecks, choose, expire_password_confirmation

URGE_TRIGGER = "A photo from our trip to the lakes"


def test_export_asks_for_the_password_then_downloads_a_zip_with_the_data_then_delete(
    page: Page, deployment: Deployment, tmp_path: Path
) -> None:
    checks = PageChecks()
    account = sign_up(page)
    page.goto("/space/urges/")
    choose(page, "How strong was the urge?", "4")
    page.get_by_label("What set it off? (optional)").fill(URGE_TRIGGER)
    page.get_by_role("button", name="Save this urge").click()
    expect(page.get_by_role("region", name="Your urges")).to_contain_text(URGE_TRIGGER)

    # Ten minutes later, someone holding the phone cannot download without the password.
    expire_password_confirmation(deployment, account.email)
    page.get_by_role("link", name="Account", exact=True).click()
    checks.visit(page)
    page.get_by_role("link", name="Download your data").click()
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    checks.visit(page)
    page.get_by_label("Password").fill("not my password")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("That password is not right.")).to_be_visible()
    checks.visit(page, "/accounts/confirm/ (wrong password)")
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Download your data")).to_be_visible()
    checks.visit(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the zip file").click()
    download = download_info.value
    assert re.fullmatch(r"export-\d{4}-\d{2}-\d{2}\.zip", download.suggested_filename)
    archive = tmp_path / download.suggested_filename
    download.save_as(archive)

    with zipfile.ZipFile(archive) as zipped:
        names = set(zipped.namelist())
        assert {"heartwork-export.json", "README.txt"} <= names, names
        assert any(name.endswith(".md") for name in names), names
        data = json.loads(zipped.read("heartwork-export.json"))
        markdown = "".join(
            zipped.read(name).decode("utf-8") for name in names if name.endswith(".md")
        )
    assert data["format"] == "heartwork-export"
    assert URGE_TRIGGER in json.dumps(data["sections"], ensure_ascii=False)
    assert URGE_TRIGGER in markdown
    assert account.email in json.dumps(data["sections"])

    # Delete everything: the words must be typed, then the account is gone.
    page.goto("/accounts/")
    page.get_by_role("link", name="Delete your account").click()
    checks.visit(page)
    page.get_by_label("Type the words shown above").fill("delete everything")
    page.get_by_role("button", name="Delete my account and everything in it").click()
    page.wait_for_load_state()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    checks.visit(page, f"{page.url} (after deleting)")

    log_in(page, account)
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    checks.visit(page, "/accounts/login/ (refused)")

    checks.assert_clean()

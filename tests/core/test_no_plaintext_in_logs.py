"""What a user writes never reaches the logs or an error report."""

from __future__ import annotations

import logging
import sys

import pytest
from django.test import Client, RequestFactory
from django.views.debug import ExceptionReporter

from heartwork.core.reporting import PrivateExceptionReporterFilter
from tests.conftest import Persona

SECRET = "my-sister-never-knew-about-the-letter"


def test_api_writes_and_failures_log_nothing_a_user_wrote(
    alex: Persona, api: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    created = api.post(
        "/api/v1/journal/entries",
        {"title": SECRET, "body": SECRET},
        content_type="application/json",
        headers=alex.auth,
    )
    entry = created.json()["id"]
    api.patch(
        f"/api/v1/journal/entries/{entry}",
        {"body": SECRET + "!"},
        content_type="application/json",
        headers=alex.auth,
    )
    failures = [
        {"body": SECRET * 2000},  # too long
        {"body": SECRET, "mood": SECRET},  # unknown field
        {"title": [SECRET], "body": SECRET},  # wrong type
    ]
    for payload in failures:
        response = api.post(
            "/api/v1/journal/entries", payload, content_type="application/json", headers=alex.auth
        )
        assert 400 <= response.status_code < 500
        assert SECRET not in response.content.decode()
    api.post(
        "/api/v1/journal/entries",
        f'{{"body": "{SECRET}"',
        content_type="application/json",
        headers=alex.auth,
    )
    assert caplog.records, "expected the failures to be logged"
    assert SECRET not in caplog.text


def test_error_reports_mask_every_posted_value_and_local_variable() -> None:
    request = RequestFactory().post("/journal/new/", {"body": SECRET, "title": "t"})
    body = SECRET  # a local, as in a view that failed while saving
    try:
        raise ValueError("saving failed")
    except ValueError:
        reporter = ExceptionReporter(request, *sys.exc_info())
        reporter.filter = PrivateExceptionReporterFilter()
        text = reporter.get_traceback_text()
        html = reporter.get_traceback_html()
    assert body in SECRET  # keeps the local alive until here
    assert "saving failed" in text
    assert SECRET not in text
    assert SECRET not in html


def test_the_private_filter_is_the_configured_one() -> None:
    from django.conf import settings

    assert settings.DEFAULT_EXCEPTION_REPORTER_FILTER.endswith("PrivateExceptionReporterFilter")

"""The health check a load balancer or container runtime polls."""

from __future__ import annotations

from django.test import Client


def test_the_health_check_answers_ok_in_json(visitor: Client) -> None:
    response = visitor.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}


def test_the_health_check_is_never_cached(visitor: Client) -> None:
    response = visitor.get("/healthz")

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_health_check_needs_no_login_and_sets_no_cookies(visitor: Client) -> None:
    response = visitor.get("/healthz")

    assert response.status_code == 200
    assert not response.cookies

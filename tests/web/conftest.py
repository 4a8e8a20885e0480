"""Fixtures for the HTML pages. The personas and csrf_post live in tests/conftest.py."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def visitor(db: None) -> Client:
    """Someone not logged in, in a browser that sends CSRF tokens only when a form has one."""
    return Client(enforce_csrf_checks=True)

"""``{% quick_exit_url %}``: the quick exit's address, on every page; ``{% neutral_title %}``.

A tag rather than a context variable: the server error page is rendered without a
request, so context processors do not run there, and the exit must still work.
"""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from heartwork.web.discreet import NEUTRAL_TITLE, QUICK_EXIT_URL

register = template.Library()


@register.simple_tag
def quick_exit_url() -> str:
    return QUICK_EXIT_URL


@register.simple_tag
def neutral_title() -> str:
    """The neutral name discreet mode uses, for pages that explain the setting."""
    return _(NEUTRAL_TITLE)

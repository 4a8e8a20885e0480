"""{{ entry.stage|stage_title }}: a stage id as its title, in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from heartwork.journal.selectors import stage_titles

register = template.Library()


@register.filter
def stage_title(stage_id: str) -> str:
    title = stage_titles().get(stage_id)
    return gettext(title) if title else ""

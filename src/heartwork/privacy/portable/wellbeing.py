"""Relationship and well-being checks: every take, its answers and score."""

from django.utils.translation import gettext_lazy as _

from heartwork.privacy.rows import Table, model_section
from heartwork.wellbeing.models import Take

SECTION = model_section(
    "wellbeing", _("Well-being checks"), [Table("takes", Take, json_fields=("data",))]
)

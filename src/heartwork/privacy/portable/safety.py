"""The safety net's record: each standing (yours, and per partner) and every set of
screen answers. They are yours, so they are exported; an import restores them as they
were, so a safety lock moves with the person instead of being lost on a new instance."""

from django.utils.translation import gettext_lazy as _

from heartwork.privacy.rows import Table, model_section
from heartwork.safety.models import SafetyStanding, ScreenAnswers

SECTION = model_section(
    "safety",
    _("Safety check"),
    [
        Table("standings", SafetyStanding, json_fields=("state",)),
        Table("screen_answers", ScreenAnswers, json_fields=("result",)),
    ],
)

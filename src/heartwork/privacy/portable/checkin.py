"""Daily check-ins."""

from django.utils.translation import gettext_lazy as _

from heartwork.checkin.models import CheckIn
from heartwork.privacy.rows import Table, model_section

SECTION = model_section(
    "checkin", _("Daily check-ins"), [Table("checkins", CheckIn, json_fields=("data",))]
)

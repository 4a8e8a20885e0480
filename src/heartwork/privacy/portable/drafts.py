"""Message drafts you chose to save."""

from django.utils.translation import gettext_lazy as _

from heartwork.drafts.models import Draft
from heartwork.privacy.rows import Table, model_section

SECTION = model_section("drafts", _("Saved message drafts"), [Table("drafts", Draft)])

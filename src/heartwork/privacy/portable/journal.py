"""Journal entries."""

from django.utils.translation import gettext_lazy as _

from heartwork.journal.models import Entry
from heartwork.privacy.rows import Table, model_section

SECTION = model_section("journal", _("Journal"), [Table("entries", Entry)])

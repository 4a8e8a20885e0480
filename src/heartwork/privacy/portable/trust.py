"""The trust ledger: commitments first, because an entry can point at one."""

from django.utils.translation import gettext_lazy as _

from heartwork.privacy.rows import Table, model_section
from heartwork.trust.models import Commitment, Entry

SECTION = model_section(
    "trust",
    _("Trust ledger"),
    [Table("commitments", Commitment), Table("entries", Entry)],
)

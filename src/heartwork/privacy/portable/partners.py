"""The people you work on a relationship with: the names you gave them, and when."""

from django.utils.translation import gettext_lazy as _

from heartwork.partners.models import Partner
from heartwork.privacy.rows import Table, model_section

SECTION = model_section("partners", _("Partners"), [Table("partners", Partner)])

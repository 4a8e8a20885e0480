"""The space tracker: the cool-down plan, urges, slips, looks at their profile, letters."""

from django.utils.translation import gettext_lazy as _

from heartwork.privacy.rows import Table, model_section
from heartwork.space.models import Letter, Plan, Slip, SocialCheck, Urge

SECTION = model_section(
    "space",
    _("Space and urges"),
    [
        Table("plan", Plan),
        Table("urges", Urge),
        Table("slips", Slip),
        Table("social_checks", SocialCheck),
        Table("letters", Letter),
    ],
)

"""The guided program: every exercise answer (the situation questions included, as stage
"onboarding") and when each stage was started and finished."""

from django.utils.translation import gettext_lazy as _

from heartwork.privacy.rows import Table, model_section
from heartwork.program.models import ExerciseAnswer, StageMark

SECTION = model_section(
    "program",
    _("Program"),
    [
        Table("answers", ExerciseAnswer, json_fields=("data",)),
        Table("stage_marks", StageMark),
    ],
)

from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "heartwork.wellbeing"
    label = "wellbeing"
    verbose_name = "Well-being checks"

    def ready(self) -> None:
        # A malformed checks.toml stops the app at start-up, not at someone's answer.
        from heartwork.languages import CODES
        from heartwork.wellbeing.questions import load_checks

        for code in CODES:  # each language's wording too
            load_checks(code)

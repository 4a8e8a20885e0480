from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "heartwork.safety"
    label = "safety"
    verbose_name = "Safety"

    def ready(self) -> None:
        # A screens file (or a translation of it) that is wrong stops the app at start-up,
        # not at someone's safety check.
        from heartwork.languages import CODES
        from heartwork.safety.screens import load_screens

        for code in CODES:
            load_screens(code)

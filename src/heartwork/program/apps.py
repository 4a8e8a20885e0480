from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "heartwork.program"
    label = "program"
    verbose_name = "Program"

    def ready(self) -> None:
        from heartwork.program import system_checks  # noqa: F401  (registers system checks)

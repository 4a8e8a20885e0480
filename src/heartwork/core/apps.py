from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "heartwork.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from heartwork.core import checks  # noqa: F401  (registers system checks)

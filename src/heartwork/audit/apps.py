from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "heartwork.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        # Connects the log-in, log-out and failed log-in receivers.
        from heartwork.audit import receivers  # noqa: F401

from django.apps import AppConfig


class CouplesConfig(AppConfig):
    name = "heartwork.couples"
    label = "couples"
    verbose_name = "Partner mode"

    def ready(self) -> None:
        # Connects the receiver that deletes a couple's data key with the couple.
        from heartwork.couples import models  # noqa: F401

from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "heartwork.journal"
    label = "journal"
    verbose_name = "Journal"

    def ready(self) -> None:
        # A malformed content/prompts.yaml stops the app at start-up, not on a person's page.
        from heartwork.journal.prompts import prompts

        prompts()

from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "heartwork.journal"
    label = "journal"
    verbose_name = "Journal"

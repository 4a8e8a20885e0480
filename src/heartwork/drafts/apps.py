from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "heartwork.drafts"
    label = "drafts"
    verbose_name = "Message drafts"

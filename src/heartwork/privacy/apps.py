from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "heartwork.privacy"
    label = "privacy"
    verbose_name = "Your data: export, import and delete"

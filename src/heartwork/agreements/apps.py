from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "heartwork.agreements"
    label = "agreements"
    verbose_name = "Agreements"

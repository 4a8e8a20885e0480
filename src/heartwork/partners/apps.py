from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "heartwork.partners"
    label = "partners"
    verbose_name = "Partners"

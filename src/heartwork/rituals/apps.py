from django.apps import AppConfig


class RitualsConfig(AppConfig):
    name = "heartwork.rituals"
    label = "rituals"
    verbose_name = "Rituals and time together"

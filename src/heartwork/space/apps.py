from django.apps import AppConfig


class SpaceConfig(AppConfig):
    name = "heartwork.space"
    label = "space"
    verbose_name = "Space and urges"

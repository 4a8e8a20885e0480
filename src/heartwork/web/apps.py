from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "heartwork.web"
    label = "web"
    verbose_name = "Web"

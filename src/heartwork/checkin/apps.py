from django.apps import AppConfig


class CheckinConfig(AppConfig):
    name = "heartwork.checkin"
    label = "checkin"
    verbose_name = "Daily check-in"

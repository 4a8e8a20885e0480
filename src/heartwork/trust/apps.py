from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "heartwork.trust"
    label = "trust"
    verbose_name = "Trust ledger"

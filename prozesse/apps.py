from django.apps import AppConfig


class ProzesseConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "prozesse"
    verbose_name = "Prozessregister"

    def ready(self) -> None:
        from . import signals  # noqa: F401

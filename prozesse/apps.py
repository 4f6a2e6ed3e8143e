from django.apps import AppConfig


class ProzesseConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "prozesse"
    verbose_name = "Prozessregister"

    def ready(self) -> None:
        # signals: derived fields; workflows: moderation receivers (intermunicipal step, renames)
        from . import signals, workflows  # noqa: F401

from django.apps import AppConfig


class ProzesseConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "prozesse"
    verbose_name = "Prozessregister"

    def ready(self) -> None:
        # signals: derived fields; roles: the intermunicipal step's receivers, provisioned
        # names follow renamed pages
        from prozesse import signals  # noqa: F401
        from prozesse.roles import intermunicipal, renames  # noqa: F401

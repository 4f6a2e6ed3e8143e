"""App configuration of business continuity; see the package docstring."""

from django.apps import AppConfig


class ContinuityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "continuity"
    verbose_name = "Notfallvorsorge"

    def ready(self) -> None:
        # Local: the panels import models, which are loaded only once the registry is ready.
        from continuity.panels import install_panels

        install_panels()

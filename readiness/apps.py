"""App configuration of ``readiness``: connects the publish signal that marks released
handbooks stale (``readiness.signals``)."""

from __future__ import annotations

from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "readiness"
    verbose_name = "Notfallvorsorge"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from readiness import signals  # noqa: F401

from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "knowledge"
    verbose_name = "Wissensmanagement"

    def ready(self) -> None:
        from . import signals  # noqa: F401

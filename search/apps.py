from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Suche"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (index updates Wagtail misses)

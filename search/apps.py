from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Suche"

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401  (system checks; index updates Wagtail misses)

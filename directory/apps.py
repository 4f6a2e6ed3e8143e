"""The directory app: sign-in through the towns' directories and identity providers."""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "directory"
    verbose_name = "Verzeichnisanbindung"

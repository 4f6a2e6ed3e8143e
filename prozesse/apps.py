from django.apps import AppConfig


class ProzesseConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "prozesse"
    verbose_name = "Prozessregister"

    def ready(self) -> None:
        # signals: derived fields; roles.renames: provisioned names follow renamed pages;
        # review_mails: the review conversation's mails in place of Wagtail's
        from prozesse import review_mails, signals  # noqa: F401
        from prozesse.roles import renames  # noqa: F401

        review_mails.connect()

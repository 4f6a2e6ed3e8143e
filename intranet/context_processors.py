from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _navigation() -> list:
    from prozesse.models import CommitteeSectionPage, RegisterPage

    pages = list(RegisterPage.objects.live().only("title", "url_path")[:1])
    pages += list(
        CommitteeSectionPage.objects.live().order_by("path").only("title", "url_path")[:3]
    )
    return pages


def navigation(request: HttpRequest) -> dict:
    """Main navigation entries (register and committee sections), computed only when used."""
    return {"main_navigation": SimpleLazyObject(_navigation)}

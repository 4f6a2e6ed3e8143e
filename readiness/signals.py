"""A released handbook goes stale when a page it contains is published again.

On Wagtail's ``page_published``: the newest released version of the page's town that contains
the page and is not yet stale is marked "veraltet seit <Datum> – <was>" (the first change
counts; the mark stays until a newer version is released, which starts unmarked). A scenario of
the town that all its staff may read, published for the first time after the release, makes it
stale too: the handbook misses it. The mark names the page by the title frozen in the release
(a new scenario by its own title, which all staff may read), so it reveals nothing a reader of
the handbook may not see.
"""

from __future__ import annotations

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from prozesse.models import EmergencyScenarioPage
from readiness.audience import town_staff_visibility
from readiness.models import HandbookRelease, ReleaseStatus


@receiver(page_published)
def mark_released_handbooks_stale(sender, instance, revision=None, **kwargs) -> None:
    municipality_id = getattr(instance, "municipality_id", None)
    if municipality_id is None:
        return
    latest = (
        HandbookRelease.objects.filter(
            municipality_id=municipality_id, status=ReleaseStatus.RELEASED
        )
        .order_by("-version")
        .first()
    )
    if latest is None or latest.stale_since is not None:
        return
    frozen = {item["id"]: item["title"] for item in latest.contents}
    if instance.pk in frozen:
        what = f"„{frozen[instance.pk]}“ geändert"
    elif isinstance(instance, EmergencyScenarioPage) and town_staff_visibility(
        latest.municipality
    ).allows(instance):
        what = f"„{instance.title}“ neu veröffentlicht"
    else:
        return
    latest.stale_since = timezone.now()
    latest.stale_reason = what[:500]
    latest.save(update_fields=["stale_since", "stale_reason"])

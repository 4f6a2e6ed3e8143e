"""Admin wiring of knowledge management: its screens and menu (``knowledge.viewsets``), the
feedback snippets, dashboard panels, page buttons, history."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from knowledge import quiet_comparison
from knowledge.models import Adoption
from knowledge.overdue import REASSIGN_ACTION, REMIND_ACTION
from knowledge.panels import KnowledgeManagementPanel, MyReviewsPanel
from knowledge.reading import can_request_reading
from knowledge.reviews import can_confirm
from knowledge.roles import role_permissions
from knowledge.start_panels import (
    REPLACED_PANELS,
    MyDepartmentPanel,
    MyDraftsPanel,
    ReviewQueuePanel,
    is_editorial,
)
from knowledge.viewsets import FeedbackViewSet, KnowledgeManagementGroup, ReviewViewSet
from prozesse.models import ProcessPage, RegisterEntryPage

# The page history's "Vergleichen" ignores line endings, "None" and the order of tags.
quiet_comparison.register()


@hooks.register("register_admin_viewset")
def register_knowledge_viewsets():
    """The "Wissensmanagement" menu with its screens, and confirming currency."""
    return [KnowledgeManagementGroup(), ReviewViewSet()]


register_snippet(FeedbackViewSet)


# ---------------------------------------------------------------------------- dashboard


@hooks.register("construct_homepage_panels")
def add_knowledge_panels(request, panels):
    """The start page per role (``knowledge.start_panels``): editors and reviewers get their
    departments, review queue, due reviews and drafts; knowledge management its summary. The
    review queue never lists one's own changes, for anyone."""
    editorial = is_editorial(request.user)
    replaced = REPLACED_PANELS if editorial else {"workflow_objects_to_moderate"}
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in replaced]
    panels.append(ReviewQueuePanel())
    if editorial:
        panels.append(MyDepartmentPanel())
        panels.append(MyDraftsPanel())
    panels.append(MyReviewsPanel(show_empty=editorial))
    panels.append(KnowledgeManagementPanel())


# ---------------------------------------------------------------------------- page buttons


@hooks.register("register_page_header_buttons")
def knowledge_page_buttons(page, user, view_name, next_url=None):
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, RegisterEntryPage):
        return
    entry = page.specific_deferred
    if page.live and can_confirm(user, entry):
        url = reverse("knowledge_reviews:confirm", args=[page.pk])
        if next_url:
            url += "?" + urlencode({"next": next_url})
        yield Button(_("Aktualität bestätigen"), url, icon_name="date", priority=40)
    if (
        page.live
        and user.has_perm("knowledge.add_readcampaign")
        and can_request_reading(user, entry)
    ):
        yield Button(
            _("Kenntnisnahme anfordern"),
            reverse("knowledge_reading:request", args=[page.pk]),
            icon_name="tick-inverse",
            priority=43,
        )
    if issubclass(specific_class, ProcessPage):
        person = getattr(user, "person", None)
        own_town = person is not None and person.municipality_id == entry.municipality_id
        if page.live and entry.share_intermunicipal and not own_town:
            yield Button(
                _("In meine Kommune übernehmen"),
                reverse("knowledge_adoptions:adopt", args=[page.pk]),
                icon_name="copy",
                priority=41,
            )
        adoption = Adoption.objects.filter(copy_id=page.pk).first()
        if adoption is not None and adoption.origin_id:
            label = _("Original wurde geändert") if adoption.origin_changed else _("Original")
            yield Button(
                label,
                reverse("knowledge_adoptions:compare", args=[adoption.pk]),
                icon_name="history",
                priority=42,
            )


# ---------------------------------------------------------------------------- history


@hooks.register("register_log_actions")
def register_knowledge_log_actions(actions):
    @actions.register_action("knowledge.confirm_current")
    class ConfirmCurrent(LogFormatter):
        label = gettext_lazy("Aktualität bestätigt")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            message = _("Aktualität bestätigt; nächste Überprüfung am %(date)s") % {
                "date": _german_date(data.get("next_review_date")),
            }
            if data.get("note"):
                message += f" – {data['note']}"
            return message

    @actions.register_action(REMIND_ACTION)
    class RemindOwner(LogFormatter):
        label = gettext_lazy("An überfällige Prüfung erinnert")

        def format_message(self, log_entry):
            count = (log_entry.data or {}).get("recipients", 0)
            return ngettext(
                "An die überfällige Prüfung erinnert (%(count)d Person)",
                "An die überfällige Prüfung erinnert (%(count)d Personen)",
                count,
            ) % {"count": count}

    @actions.register_action(REASSIGN_ACTION)
    class ReassignOwner(LogFormatter):
        label = gettext_lazy("Verantwortung neu zugewiesen")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Verantwortung von %(from)s an %(to)s übergeben (wartet auf: %(where)s)") % {
                "from": data.get("from") or "–",
                "to": data.get("to", "–"),
                "where": data.get("waiting_at") or "–",
            }

    @actions.register_action("knowledge.read_requested")
    class ReadRequested(LogFormatter):
        label = gettext_lazy("Kenntnisnahme angefordert")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Kenntnisnahme von %(version)s angefordert (%(count)s Personen)") % {
                "version": data.get("version", "–"),
                "count": data.get("readers", "–"),
            }

    @actions.register_action("knowledge.read_confirmed")
    class ReadConfirmed(LogFormatter):
        label = gettext_lazy("Zur Kenntnis genommen")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("%(version)s zur Kenntnis genommen") % {"version": data.get("version", "–")}

    @actions.register_action("knowledge.handover")
    class HandoverAction(LogFormatter):
        label = gettext_lazy("Wissensübergabe")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            changes = "; ".join(
                _("%(what)s an %(to)s") % change for change in data.get("changes", [])
            )
            return _("Wissensübergabe von %(person)s: %(changes)s") % {
                "person": data.get("person", "–"),
                "changes": changes or "–",
            }

    @actions.register_action("knowledge.adopt")
    class AdoptAction(LogFormatter):
        label = gettext_lazy("Übernommen")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Übernommen von %(town)s: „%(title)s“") % {
                "town": data.get("origin_town", "–"),
                "title": data.get("origin_title", "–"),
            }

    @actions.register_action("knowledge.adopt_changes")
    class TakeOverAction(LogFormatter):
        label = gettext_lazy("Änderungen des Originals übernommen")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            taken = [*data.get("fields", []), *data.get("steps", [])]
            return _("Aus dem Original „%(title)s“ übernommen: %(taken)s") % {
                "title": data.get("origin_title", "–"),
                "taken": ", ".join(taken) or "–",
            }


def _german_date(value: str | None) -> str:
    if not value:
        return "–"
    year, month, day = value.split("-")
    return f"{day}.{month}.{year}"


@hooks.register("provision_role_permissions")
def knowledge_role_permissions(role: str) -> tuple[str, ...]:
    """Provisioning (prozesse.roles.provisioning) grants these to its roles."""
    return role_permissions(role)

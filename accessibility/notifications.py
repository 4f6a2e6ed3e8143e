"""The mail to the statement's contact person when a barrier is reported: what, from whom,
and the date the answer is due."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from accessibility.models import AccessibilityStatement, BarrierReport


def notify_contact(report: BarrierReport, *, base_url: str = "") -> bool:
    """Mail the contact person; False if the statement names no e-mail address."""
    statement = AccessibilityStatement.load()
    if not statement.contact_email:
        return False
    link = base_url + reverse("wagtailsnippets_accessibility_barrierreport:edit", args=[report.pk])
    body = _(
        "Eine neue Rückmeldung zur Barrierefreiheit ist eingegangen.\n\n"
        "Nachricht:\n%(message)s\n\nSeite: %(page)s\nVon: %(name)s %(email)s\n\n"
        "Bitte antworten Sie bis spätestens %(deadline)s (ein Monat nach Eingang).\n"
        "Antwort erfassen: %(link)s\n"
    ) % {
        "message": report.message,
        "page": report.page_url or "–",
        "name": report.name or _("ohne Namen"),
        "email": report.email,
        "deadline": report.deadline_display(),
        "link": link,
    }
    subject = _("Rückmeldung zur Barrierefreiheit – Antwort bis %(deadline)s") % {
        "deadline": report.deadline_display()
    }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [statement.contact_email])
    return True

"""The accessibility statement and its feedback form. Both are open without signing in: the
login page links to them, and someone who cannot sign in because of a barrier must be able to
report it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accessibility.forms import BarrierReportForm
from accessibility.models import ANSWER_WITHIN, AccessibilityStatement
from accessibility.notifications import notify_contact


@login_not_required
def statement(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accessibility/statement.html",
        {"statement": AccessibilityStatement.load(request_or_site=request)},
    )


@login_not_required
def report_barrier(request: HttpRequest) -> HttpResponse:
    """Record a message about a barrier; the contact person is mailed with the deadline."""
    form = BarrierReportForm(
        request.POST or None, initial={"page_url": request.GET.get("seite", "")[:500]}
    )
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        if request.user.is_authenticated:
            report.author = request.user
        report.save()
        notify_contact(report, base_url=request.build_absolute_uri("/").rstrip("/"))
        messages.success(
            request,
            _("Danke! Ihre Rückmeldung ist eingegangen. Wir antworten bis %(deadline)s.")
            % {"deadline": report.deadline_display()},
        )
        return redirect("accessibility_statement")
    return render(
        request,
        "accessibility/report.html",
        {
            "form": form,
            "statement": AccessibilityStatement.load(request_or_site=request),
            "answer_within": ANSWER_WITHIN,
        },
    )

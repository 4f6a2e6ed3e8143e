"""Staff-facing views: person pages, the expert finder, feedback on processes."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knowledge.experts import MAX_QUERY_LENGTH, experts_for, person_profile, topic_from_question
from knowledge.feedback import leave_feedback
from knowledge.forms import FeedbackForm
from prozesse.models import Person, ProcessPage
from prozesse.visibility import may_view, visibility_of


def person_page(request: HttpRequest, pk: int) -> HttpResponse:

    person = get_object_or_404(Person.objects.select_related("municipality", "department"), pk=pk)
    return TemplateResponse(
        request, "knowledge/person.html", person_profile(person, visibility_of(request))
    )


def expert_finder(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("thema", "").split())[:MAX_QUERY_LENGTH]
    hits = experts_for(query, visibility_of(request), limit=30) if query else []
    return TemplateResponse(
        request,
        "knowledge/experts.html",
        {"query": query, "topic": topic_from_question(query), "hits": hits},
    )


@require_POST
def feedback_create(request: HttpRequest, page_id: int) -> HttpResponse:

    page = ProcessPage.objects.live().filter(pk=page_id).first()
    if not may_view(request, page):
        raise Http404(_("Diesen Prozess gibt es nicht (mehr)."))
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "knowledge/feedback_form.html", {"page": page, "form": form}, status=400
        )
    feedback = leave_feedback(
        page,
        request.user,
        kind=form.cleaned_data["kind"],
        title=form.cleaned_data.get("title", ""),
        text=form.cleaned_data["text"],
    )
    if feedback.notified:
        messages.success(
            request,
            _("Danke! Ihre Rückmeldung ist gespeichert; die Verantwortlichen sind informiert."),
        )
    else:
        messages.success(request, _("Danke! Ihre Rückmeldung ist gespeichert."))
    return redirect(page.url + "#rueckmeldungen")

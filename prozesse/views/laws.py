"""The legal-basis catalogue in the intranet: a law's table of contents and a paragraph's text.

Legal bases on process pages link here (``/recht/<law>/<anchor>/``). Like every view of the
intranet these need a login (``IntranetLoginRequiredMiddleware``).
"""

from __future__ import annotations

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import path

from prozesse.models.laws import Law, LawParagraph


def law_index(request):
    laws = Law.objects.annotate(paragraph_count=Count("paragraphs")).order_by("abbreviation")
    return render(request, "prozesse/law_index.html", {"laws": laws})


def law_detail(request, slug: str):
    law = get_object_or_404(Law, slug=slug)
    paragraphs = law.paragraphs.only(
        "law_id", "kind", "number", "number_to", "title", "anchor", "repealed", "structure"
    ).order_by("position")
    return render(request, "prozesse/law_detail.html", {"law": law, "paragraphs": paragraphs})


def law_paragraph(request, slug: str, anchor: str):
    paragraph = get_object_or_404(LawParagraph, law__slug=slug, anchor=anchor)
    siblings = (
        LawParagraph.objects.select_related(None)
        .filter(law=paragraph.law_id)
        .only("anchor", "position")
    )
    context = {
        "law": paragraph.law,
        "paragraph": paragraph,
        "previous": siblings.filter(position__lt=paragraph.position).order_by("-position").first(),
        "next": siblings.filter(position__gt=paragraph.position).order_by("position").first(),
    }
    return render(request, "prozesse/law_paragraph.html", context)


urlpatterns = [
    path("", law_index, name="law_index"),
    path("<slug:slug>/", law_detail, name="law_detail"),
    path("<slug:slug>/<slug:anchor>/", law_paragraph, name="law_paragraph"),
]

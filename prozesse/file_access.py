"""Which uploaded files a reader may download: the files of a page follow the page's visibility.

A BPMN upload belongs to the process pages (and their revisions) that name it; a Wagtail
document belongs to the pages that use it (Wagtail's reference index). A file of pages the
reader may not see is served to nobody but them — whether it is asked for through the document
view or straight from the media folder. Files that belong to no page (images, documents not
used anywhere) are served to every signed-in reader, as before.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex, Revision

from prozesse.models import ProcessPage
from prozesse.visibility import admin_visible


def _pages_naming_bpmn(name: str) -> list[int]:

    page_ids = set(ProcessPage.objects.filter(bpmn_file=name).values_list("pk", flat=True))
    page_ids |= {
        int(object_id)
        for object_id in Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page), content__bpmn_file=name
        ).values_list("object_id", flat=True)
    }
    return sorted(page_ids)


def _pages_using(document) -> list[int]:
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    return sorted({int(object_id) for object_id in references.values_list("object_id", flat=True)})


def _any_page_visible(request, page_ids: list[int]) -> bool:
    return admin_visible(request, Page.objects.filter(pk__in=page_ids)).exists()


def may_download_document(request, document) -> bool:
    """A document used by pages is served only to readers who may see one of them."""
    page_ids = _pages_using(document)
    return not page_ids or _any_page_visible(request, page_ids)


def may_download_media(request, name: str) -> bool:
    """May the reader download the file stored under ``name`` (relative to MEDIA_ROOT)?"""

    page_ids = _pages_naming_bpmn(name)
    if page_ids:
        return _any_page_visible(request, page_ids)
    document = get_document_model().objects.filter(file=name).first()
    if document is not None:
        return may_download_document(request, document)
    return True

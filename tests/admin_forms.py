"""Posting Wagtail's page forms as a browser would: the form data of a loaded page form,
the revision it was opened with, and the admin's add and edit URLs."""

from __future__ import annotations

import json

from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.test.utils.wagtail_tests import WagtailTestUtils


def form_data(html: str, **changes) -> dict[str, list[str]]:
    """The POST data a browser would send for Wagtail's page form in ``html``, with
    ``changes`` applied. StreamFields (rendered by JavaScript) must be empty."""
    data = querydict_from_html(html, form_id="page-edit-form")
    soup = WagtailTestUtils.get_soup(html)
    for block in soup.select("form#page-edit-form div[data-block]"):
        value, _errors = json.loads(block["data-w-block-arguments-value"])
        assert not value, f"StreamField {block['id']} has content; fill it in the test"
        data[f"{block['id']}-count"] = "0"
    result = {key: data.getlist(key) for key in data}
    result.update(
        {key: [value] if isinstance(value, str) else value for key, value in changes.items()}
    )
    return result


def admin_form(client: Client, url: str, **changes) -> dict[str, list[str]]:
    """The page form at ``url`` as ``client`` loads it, with ``changes`` applied."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return form_data(response.content.decode(), **changes)


def opened_now(data: dict, page: Page) -> dict:
    """A cached page form as the browser posts it after opening the page now: it names the
    page's latest revision as the version it was loaded with (an outdated one is refused,
    prozesse/views/page_editing.py)."""
    latest = Page.objects.get(pk=page.pk).get_latest_revision()
    if latest is None:
        return data
    return {
        **data,
        "loaded_revision_id": [str(latest.pk)],
        "loaded_revision_created_at": [latest.created_at.isoformat()],
    }


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(model: type[Page], parent: Page) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )

"""manage.py render_diagrams draws stored diagrams again with the current renderer."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from prozesse.models import ProcessPage
from tests.builders import bpmn_upload
from tests.factories import DepartmentPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db


def test_render_diagrams_replaces_an_outdated_picture_and_nothing_else():
    page = ProcessPageFactory(parent=DepartmentPageFactory(), bpmn_file=bpmn_upload())
    ProcessPage.objects.filter(pk=page.pk).update(bpmn_svg="<svg>VERALTET-7Q</svg>")
    revisions = page.revisions.count()
    call_command("render_diagrams", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.bpmn_svg.startswith("<svg") and "VERALTET-7Q" not in page.bpmn_svg
    assert page.revisions.count() == revisions

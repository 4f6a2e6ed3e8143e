"""Site URLs of emergency readiness (below ``/notfallvorsorge/``): the released handbooks of a
town and their PDFs, for every signed-in reader who may read them."""

from __future__ import annotations

from django.urls import path

from readiness import site_views

app_name = "readiness"

urlpatterns = [
    path("<slug:town_slug>/handbuecher/", site_views.released_handbooks, name="releases"),
    path("handbuch/<int:release_id>/pdf/", site_views.release_pdf, name="release_pdf"),
]

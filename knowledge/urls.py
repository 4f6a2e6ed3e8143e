"""Staff-facing URLs (included under /wissen/ in intranet/urls.py)."""

from django.urls import path

from knowledge.views import site

app_name = "wissen"

urlpatterns = [
    path("personen/", site.expert_finder, name="experts"),
    path("personen/<int:pk>/", site.person_page, name="person"),
    path("rueckmeldung/<int:page_id>/", site.feedback_create, name="feedback"),
]

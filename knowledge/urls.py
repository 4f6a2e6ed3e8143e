"""Staff-facing URLs (included under /wissen/ in intranet/urls.py)."""

from django.urls import path

from knowledge.views import site, tasks

app_name = "wissen"

urlpatterns = [
    path("personen/", site.expert_finder, name="experts"),
    path("personen/<int:pk>/", site.person_page, name="person"),
    path("rueckmeldung/<int:page_id>/", site.feedback_create, name="feedback"),
    path("aufgaben/", tasks.my_tasks, name="tasks"),
    path("kenntnisnahme/<int:campaign_id>/", tasks.read_confirm, name="read_confirm"),
]

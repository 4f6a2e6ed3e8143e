from django.urls import path

from accessibility import views

urlpatterns = [
    path("", views.statement, name="accessibility_statement"),
    path("rueckmeldung/", views.report_barrier, name="accessibility_report"),
]

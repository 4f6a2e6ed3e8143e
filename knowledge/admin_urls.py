"""Admin URLs (registered under /admin/wissen/ by wagtail_hooks)."""

from django.urls import path

from knowledge.views import admin

app_name = "knowledge"

urlpatterns = [
    path("gesundheit/", admin.HealthView.as_view(), name="health"),
    path("bestaetigen/<int:page_id>/", admin.ConfirmView.as_view(), name="confirm"),
    path("uebergaben/", admin.HandoverListView.as_view(), name="handover_list"),
    path("uebergaben/neu/", admin.HandoverCreateView.as_view(), name="handover_create"),
    path("uebergaben/<int:pk>/", admin.HandoverDetailView.as_view(), name="handover_detail"),
    path(
        "uebergaben/<int:pk>/ausfuehren/",
        admin.HandoverExecuteView.as_view(),
        name="handover_execute",
    ),
    path(
        "uebergaben/<int:pk>/gespraech/", admin.InterviewView.as_view(), name="handover_interview"
    ),
    path(
        "uebergaben/<int:pk>/protokoll/", admin.HandoverPrintView.as_view(), name="handover_print"
    ),
    path(
        "uebergaben/<int:pk>/abschliessen/",
        admin.HandoverCloseView.as_view(),
        name="handover_close",
    ),
    path("uebernehmen/<int:page_id>/", admin.AdoptView.as_view(), name="adopt"),
    path("uebernahmen/", admin.AdoptionListView.as_view(), name="adoption_list"),
    path("uebernahmen/<int:pk>/", admin.AdoptionCompareView.as_view(), name="adoption_compare"),
]

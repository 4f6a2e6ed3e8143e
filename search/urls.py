from django.urls import path

from search import views

urlpatterns = [
    path("suche/", views.search_page, name="search"),
]

"""Included by intranet/urls.py at the site root: the page and the JSON API."""

from django.urls import path

from search import api, exports, views

urlpatterns = [
    path("suche/", views.search_page, name="search"),
    path("suche/export/<str:export_format>/", exports.search_export, name="search_export"),
    path("api/search/", api.search_api, name="search_api"),
    path("api/search/suggest/", api.suggest_api, name="search_suggest_api"),
]

from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from directory import views as directory_views
from intranet import media, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("anmelden/", directory_views.LoginView.as_view(), name="login"),
    path("anmelden/oidc/zurueck/", directory_views.oidc_callback, name="directory_oidc_callback"),
    path("anmelden/oidc/<slug:key>/", directory_views.oidc_start, name="directory_oidc_start"),
    path("abmelden/", directory_views.LogoutView.as_view(), name="logout"),
    path("sprache/", set_language, name="set_language"),
    # The admin's "Abmelden" ends a provider session too (Wagtail's own view would not); it
    # answers at Wagtail's address, so every admin menu posts here.
    path(
        "admin/logout/",
        directory_views.LogoutView.as_view(next_page="wagtailadmin_login"),
        name="admin_logout",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("search.urls")),
    path("api/v1/", include("api.urls")),
    path("wissen/", include("knowledge.urls")),
    path("recht/", include("prozesse.views.laws")),
    path("barrierefreiheit/", include("accessibility.urls")),
    path("notfallvorsorge/", include("readiness.urls")),
]

# Uploaded files, in every environment, through one view that never serves them as active
# documents and that asks whether the user may read them (intranet/media.py).
urlpatterns += [
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", media.serve, name="media"),
]

urlpatterns += [path("", include(wagtail_urls))]

"""The intranet is closed: Django's LoginRequiredMiddleware, plus Wagtail's own sign-in pages.

Wagtail's admin login and password-reset views are not marked ``login_not_required``; without
this exemption an anonymous visitor of ``/admin/`` would be sent in a circle.
"""

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import Http404


class IntranetLoginRequiredMiddleware(LoginRequiredMiddleware):
    public_url_names = frozenset(
        {
            "wagtailadmin_login",
            "wagtailadmin_password_reset",
            "wagtailadmin_password_reset_done",
            "wagtailadmin_password_reset_confirm",
            "wagtailadmin_password_reset_complete",
            # The icon sprite and the translations the admin login page itself loads; without
            # them the sprite script would put the redirected login page into the admin login.
            "wagtailadmin_sprite",
            "wagtailadmin_javascript_catalog",
        }
    )

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.url_name in self.public_url_names:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class SuperuserOnlyAdminViews:
    """Wagtail admin views that summarise the whole page tree without regard to who may see a
    page (e.g. the page types report names the last edited page of every type): only
    administrators open them; everyone else gets "not found". Listed by URL name in
    ``SUPERUSER_ONLY_ADMIN_VIEWS``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in settings.SUPERUSER_ONLY_ADMIN_VIEWS:
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_superuser:
            return None
        raise Http404

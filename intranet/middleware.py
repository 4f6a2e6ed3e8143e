"""The intranet is closed: Django's LoginRequiredMiddleware, plus Wagtail's own sign-in pages.

Wagtail's admin login and password-reset views are not marked ``login_not_required``; without
this exemption an anonymous visitor of ``/admin/`` would be sent in a circle.
"""

from django.contrib.auth.middleware import LoginRequiredMiddleware


class IntranetLoginRequiredMiddleware(LoginRequiredMiddleware):
    public_url_names = frozenset(
        {
            "wagtailadmin_login",
            "wagtailadmin_password_reset",
            "wagtailadmin_password_reset_done",
            "wagtailadmin_password_reset_confirm",
            "wagtailadmin_password_reset_complete",
        }
    )

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.url_name in self.public_url_names:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

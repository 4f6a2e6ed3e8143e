"""``directory_sign_in`` for every template: the providers and whether the password form is
offered (Wagtail's admin login template reads it; computed only when used)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from directory.views import sign_in_choices


def sign_in(request) -> dict:
    return {"directory_sign_in": SimpleLazyObject(lambda: sign_in_choices(request))}

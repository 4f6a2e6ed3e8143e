"""Admin integration of the API tokens: the "API-Tokens" screen and who may use it.

Provisioning (``manage.py provision_*``) asks every app through the ``provision_role_permissions``
hook which Django permissions a role gets. Every role that opens the admin gets the APIToken
permissions, so each such user creates, renames, extends and revokes their own tokens there;
staff without admin access ("Mitarbeitende") read the API through their browser session, or
an administrator creates a token for them.
"""

from __future__ import annotations

from wagtail import hooks

from api.admin_views import TokenViewSet

#: Provisioned roles (keys of the role table) that have admin access.
ROLES_WITH_ADMIN_ACCESS = frozenset(
    {"redaktion", "freigabe", "lenkungskreis", "wissen_kommune", "wissen_alle"}
)
TOKEN_PERMISSIONS = tuple(
    f"wagtailcore.{action}_apitoken" for action in ("add", "change", "delete", "view")
)


@hooks.register("register_admin_viewset")
def register_token_viewset() -> TokenViewSet:
    # Wagtail's own name and URL: its token templates link to "wagtailusers_api_tokens:index".
    return TokenViewSet("wagtailusers_api_tokens", url_prefix="api-tokens")


@hooks.register("provision_role_permissions")
def token_permissions(role: str) -> tuple[str, ...]:
    return TOKEN_PERMISSIONS if role in ROLES_WITH_ADMIN_ACCESS else ()

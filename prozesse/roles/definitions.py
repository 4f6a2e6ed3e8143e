"""Names and rights of the provisioned roles, and the hook through which apps add rights.

The name templates name the groups, steps and workflows provisioning makes; only the few
global objects ("Wissensmanagement (alle Kommunen)", "Mitarbeitende") are also found by their
name – everything else hangs on its page (see ``prozesse.roles.attached``).
"""

from __future__ import annotations

from wagtail import hooks

# ---------------------------------------------------------------------------------- names

EDITORS_NAME = "Redaktion {municipality} – {department}"
REVIEWERS_NAME = "Freigabe {municipality} – {department}"
DEPARTMENT_WORKFLOW_NAME = "Freigabeprozess {municipality} – {department}"
KNOWLEDGE_NAME = "Wissensmanagement {municipality}"
KNOWLEDGE_ALL_NAME = "Wissensmanagement (alle Kommunen)"
STAFF_NAME = "Mitarbeitende"
#: All staff of one town (for town-private view restrictions), linked by MunicipalityStaffGroup.
STAFF_TOWN_NAME = "Mitarbeitende {municipality}"
COMMITTEE_WORKFLOW_NAME = "Freigabeprozess {committee}"
COMMITTEE_TASK_NAME = "Freigabe {committee}"
#: The name provisioning gives the conditional second step of every department workflow (an
#: ``IntermunicipalApprovalTask``, found by its type).
INTERMUNICIPAL_TASK_NAME = "Interkommunale Freigabe (Lenkungskreis)"
#: Groups Wagtail's own migrations create with add/edit/publish rights on the whole tree.
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")

# ---------------------------------------------------------------------------------- rights

#: Wagtail page permissions (codename ``<action>_page``) per role, granted on the anchor page
#: and inherited by its subtree. Nobody but administrators gets ``publish``: publishing
#: happens through approval. ``lock`` is the weakest page permission Wagtail has; it opens
#: the page tree for reading (Wagtail has no read-only page permission).
EDITOR_PAGE_ACTIONS = ("add", "change", "lock")
REVIEWER_PAGE_ACTIONS = ("add", "change", "lock", "unlock")
COMMITTEE_PAGE_ACTIONS = ("add", "change", "lock", "unlock")
KNOWLEDGE_PAGE_ACTIONS = ("lock",)

ADMIN_ACCESS = ("wagtailadmin.access_admin",)
#: Django permissions of the knowledge-management groups: people, IT systems, tags.
KNOWLEDGE_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    *(
        f"{app}.{action}_{model}"
        for app, model in (("prozesse", "person"), ("prozesse", "itsystem"), ("taggit", "tag"))
        for action in ("add", "change", "delete", "view")
    ),
)
#: Permissions on the root collection, so editors can upload and choose images and documents.
EDITOR_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
)

PERMISSION_LABELS = {
    "add": "Anlegen (eigene Seiten bearbeiten)",
    "change": "Bearbeiten",
    "lock": "Sperren",
    "unlock": "Sperren aufheben",
    "publish": "Veröffentlichen",
    "bulk_delete": "Mit Unterseiten löschen",
}

#: The Wagtail hook through which other apps add Django permissions to provisioned roles, so
#: provisioning needs to know nothing about them (``knowledge`` adds its dashboard, handover
#: and feedback rights). A hook function takes a role key of ``prozesse.roles.matrix.ROLES``
#: and returns "app_label.codename" strings for it.
ROLE_PERMISSIONS_HOOK = "provision_role_permissions"


def contributed_permissions(role: str) -> tuple[str, ...]:
    """The Django permissions other apps registered for ``role`` (see ROLE_PERMISSIONS_HOOK)."""
    labels: list[str] = []
    for hook in hooks.get_hooks(ROLE_PERMISSIONS_HOOK):
        labels.extend(hook(role) or ())
    return tuple(dict.fromkeys(labels))

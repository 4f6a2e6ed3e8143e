"""Roles, rights and moderation workflows, provisioned as plain Wagtail configuration.

The organisation is the page tree, so every role is anchored on a page (see README, "Rollen,
Rechte und Freigabe"):

- a department (``DepartmentPage``) gets two groups, "Redaktion <Kommune> – <Fachbereich>" and
  "Freigabe <Kommune> – <Fachbereich>", page permissions on its subtree and its own Workflow whose
  first step is a four-eyes approval step for the Freigabe group;
- every department workflow has a second step, "Interkommunale Freigabe (Lenkungskreis)"
  (``prozesse.models.approval.IntermunicipalApprovalTask``), that only applies to processes
  flagged "Interkommunal freigeben" and is skipped otherwise;
- the committee section (``CommitteeSectionPage``) gets the "Lenkungskreis" group and a workflow
  in which the Lenkungskreis approves its decisions;
- "Wissensmanagement <Kommune>" reads its municipality in the admin, "Wissensmanagement (alle
  Kommunen)" the whole tree; both manage people, IT systems and tags;
- "Mitarbeitende" read the published intranet and have no admin access.

One module per concern:

- ``definitions``: names of groups, steps and workflows, the rights of each role, and the hook
  ``provision_role_permissions`` through which other apps add their permissions;
- ``report``: the change report and the error provisioning raises;
- ``tree``: finding and creating the pages roles hang on (municipalities, departments, the
  committee section);
- ``attached``: finding the groups, steps and workflow already attached to a page;
- ``sync``: setting groups, rights, steps and workflows to their defined state;
- ``provisioning``: the ``provision_*`` functions the commands, the admin view and the demo call;
- ``intermunicipal``: the shared intermunicipal step in every department workflow;
- ``renames``: publishing a renamed page renames its groups, steps and workflow;
- ``overview`` and ``matrix``: what the admin screen shows (departments, steps lacking a second
  reviewer, the permission table);
- ``views`` and ``wagtail_hooks``: the admin screen "Rollen und Freigabe" and the admin wiring;
- ``finish``: what the last approval of a workflow does (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

The approval step types themselves (four eyes, the intermunicipal step) are models and live in
``prozesse.models.approval``, the link of a town to its staff group in ``prozesse.models.roles``.
This package imports nothing here: Wagtail loads ``finish`` while its own models are imported.
"""

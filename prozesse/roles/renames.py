"""Names follow pages: publishing a provisioned department, municipality or committee page
provisions it again, so a new title renames its groups, steps and workflow (they stay
attached by page). Imported by ``prozesse.apps`` to connect the receiver."""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.models import Page, WorkflowPage
from wagtail.signals import page_published

from prozesse.models import CommitteeSectionPage, DepartmentPage, MunicipalityPage
from prozesse.roles.attached import group_with_rights_on
from prozesse.roles.definitions import KNOWLEDGE_NAME, KNOWLEDGE_PAGE_ACTIONS
from prozesse.roles.provisioning import (
    provision_committee_roles,
    provision_department_roles,
    provision_municipality_roles,
)
from prozesse.roles.tree import provisioning_publishes


@receiver(page_published, dispatch_uid="prozesse_role_names_follow_pages")
def _role_names_follow_page(sender, instance: Page, **kwargs) -> None:
    """Pages that were never provisioned are left alone; pages provisioning publishes itself
    too."""
    if provisioning_publishes():
        return
    if isinstance(instance, DepartmentPage):
        departments = [instance]
    elif isinstance(instance, MunicipalityPage):
        departments = list(DepartmentPage.objects.child_of(instance))
        name = KNOWLEDGE_NAME.format(municipality=instance.title)
        if group_with_rights_on(instance, KNOWLEDGE_PAGE_ACTIONS, [], name) is not None:
            provision_municipality_roles(instance)
    elif isinstance(instance, CommitteeSectionPage):
        if WorkflowPage.objects.filter(page=instance).exists():
            provision_committee_roles(instance)
        return
    else:
        return
    for department in departments:
        if WorkflowPage.objects.filter(page=department).exists():
            provision_department_roles(department)

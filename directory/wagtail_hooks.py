"""The admin screen of the mapping ("Verzeichnis-Zuordnung", in the settings menu).

A snippet viewset like the other record screens; only administrators hold the permissions of
``DirectoryMapping``, so only they see and edit it. The role field offers provisioned roles
only (``directory.models.provisioned_groups``); the model validates it again.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from directory.models import DirectoryMapping, provisioned_groups


class DirectoryMappingForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "group" in self.fields:
            self.fields["group"].queryset = provisioned_groups()
        if "source" in self.fields:
            choices = list(self.fields["source"].choices)
            self.fields["source"].choices = [("", _("Jedes Verzeichnis")), *choices[1:]]


class DirectoryMappingViewSet(SnippetViewSet):
    model = DirectoryMapping
    icon = "group"
    menu_label = _("Verzeichnis-Zuordnung")
    add_to_settings_menu = True
    url_prefix = "verzeichnis-zuordnung"
    list_display = ["directory_group", "source", "municipality", "group", "take_contact_data"]
    list_filter = ["source", "municipality"]
    search_fields = ["directory_group"]
    edit_handler = ObjectList(
        [
            FieldPanel("source"),
            FieldPanel("directory_group"),
            MultiFieldPanel(
                [FieldPanel("municipality"), FieldPanel("group")], heading=_("Im Intranet")
            ),
            FieldPanel("take_contact_data"),
        ],
        base_form_class=DirectoryMappingForm,
    )


register_snippet(DirectoryMappingViewSet)

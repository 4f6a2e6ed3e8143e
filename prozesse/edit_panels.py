"""Panels of our page forms that make editing easier (issue 21, "Editing friction"):

- :class:`CompletenessPanel` lists what a good process profile still lacks;
- :class:`DiagramPanel` is the BPMN upload with plain German labels and a preview of the
  diagram as it was last saved;
- :func:`labelled_stream` marks a StreamField so its empty "+" button says what it adds
  (``static_src/js/admin-add-labels.js``).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, Panel

from prozesse.completeness import process_gaps


class CompletenessPanel(Panel):
    """A hint at the top of a process form: which parts are still missing."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "prozesse/admin/panels/completeness.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["gaps"] = process_gaps(self.instance) if self.instance.pk else None
            return context


class DiagramInput(forms.ClearableFileInput):
    """The BPMN upload: "Diagramm entfernen" instead of "Zurücksetzen"."""

    clear_checkbox_label = _("Diagramm entfernen")
    initial_text = _("Hochgeladene Datei")
    input_text = _("Andere Datei hochladen")


class DiagramPanel(FieldPanel):
    """The BPMN file field with a preview of the diagram derived from the saved file."""

    def __init__(self, field_name="bpmn_file", *args, **kwargs):
        kwargs.setdefault("widget", DiagramInput)
        super().__init__(field_name, *args, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        template_name = "prozesse/admin/panels/diagram.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["diagram_svg"] = getattr(self.instance, "bpmn_svg", "")
            return context


def labelled_stream(field_name: str, add_label: str, **kwargs) -> FieldPanel:
    """A StreamField panel whose "+" button reads "+ <add_label>"."""
    attrs = {**kwargs.pop("attrs", {}), "data-add-label": str(add_label)}
    return FieldPanel(field_name, attrs=attrs, **kwargs)

"""The continuity panels in the page forms, installed by ``ContinuityConfig.ready``:

- on the process page, "Notfallvorsorge" becomes the impact analysis (rating grid, RTO, RPO;
  pre-filled with the register's suggestion while the process has none) and the dependencies –
  the former fields "Kritikalität im Notfall" and "Wiederanlaufzeit" follow from the analysis
  (``continuity.derive``), so they are no longer edited by hand;
- on the scenario page, "Was fällt aus?" follows the hand-picked critical processes.

Both are parts of the page (inline panels of ``ParentalKey`` children): a change is a change of
the page and goes through its department's approval workflow.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from continuity.suggestions import suggestion_for
from continuity.widgets import RatingGridWidget
from prozesse.models import EmergencyScenarioPage, ProcessPage


class ImpactAnalysisPanel(InlinePanel):
    """The inline panel of the (at most one) impact analysis; a new one starts from the
    register's suggestion, whose reasons the panel names."""

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "continuity/panels/impact_analysis.html"

        def __init__(self, **kwargs):
            form, instance = kwargs.get("form"), kwargs.get("instance")
            self.suggestion = None
            if form is not None and instance is not None:
                formset = form.formsets[kwargs["panel"].relation_name]
                if not formset.is_bound and not formset.initial_form_count():
                    self.suggestion = suggestion_for(instance)
                    formset.form_kwargs["initial"] = {
                        "ratings": self.suggestion.ratings,
                        "rto_hours": self.suggestion.rto_hours,
                    }
            super().__init__(**kwargs)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["suggestion"] = self.suggestion
            return context


def impact_analysis_panels() -> list:
    return [
        FieldPanel("ratings", widget=RatingGridWidget, heading=_("Auswirkungen eines Ausfalls")),
        FieldRowPanel([FieldPanel("rto_hours"), FieldPanel("rpo_hours")]),
        FieldPanel("note"),
    ]


def process_panels() -> list:
    return [
        ImpactAnalysisPanel(
            "impact_analysis",
            panels=impact_analysis_panels(),
            heading=_("Folgenabschätzung (BIA)"),
            label=_("Folgenabschätzung"),
            min_num=0,
            max_num=1,
            help_text=_(
                "Wie schwer wiegt ein Ausfall dieses Prozesses? Daraus folgen die maximal "
                "tolerierbare Ausfallzeit und die Kritikalität; die Wiederanlaufzeit darf nicht "
                "länger sein."
            ),
        ),
        InlinePanel(
            "continuity_dependencies",
            heading=_("Abhängigkeiten"),
            label=_("Abhängigkeit"),
            help_text=_(
                "Was braucht dieser Prozess, um zu laufen? Je Zeile genau eines: Fachverfahren, "
                "Dienstleister, Standort, Person oder anderer Prozess."
            ),
        ),
    ]


def scenario_panels() -> list:
    return [
        InlinePanel(
            "continuity_outages",
            heading=_("Was fällt aus?"),
            label=_("Ausfall"),
            help_text=_(
                "Fachverfahren, Dienstleister, Standorte oder Personen, die in diesem Szenario "
                "ausfallen. Die betroffenen Prozesse folgen aus ihren Abhängigkeiten."
            ),
        )
    ]


def _replace(panels: list, match, new: list, *, after: bool = False) -> list:
    """``panels`` with ``new`` instead of (or ``after``) the first panel that ``match``es."""
    for index, panel in enumerate(panels):
        if match(panel):
            keep = panels[: index + 1] if after else panels[:index]
            return [*keep, *new, *panels[index + 1 :]]
    return [*panels, *new]


def _is_emergency_panel(panel) -> bool:
    """The process page's former "Notfallvorsorge" panel (criticality and RTO by hand)."""
    names = {getattr(child, "field_name", None) for child in getattr(panel, "children", ())}
    return isinstance(panel, MultiFieldPanel) and {"criticality", "rto_hours"} <= names


def install_panels() -> None:
    """Put the continuity panels into the process and scenario forms (once)."""
    if getattr(ProcessPage, "_continuity_panels", False):
        return
    ProcessPage.content_panels = _replace(
        ProcessPage.content_panels,
        _is_emergency_panel,
        process_panels(),
    )
    EmergencyScenarioPage.content_panels = _replace(
        EmergencyScenarioPage.content_panels,
        lambda p: isinstance(p, InlinePanel) and p.relation_name == "process_links",
        scenario_panels(),
        after=True,
    )
    ProcessPage._continuity_panels = True

"""The exercise form in the admin: town, scenarios, processes and participants only from the
towns the user acts for, and only pages the user may see there (``prozesse.visibility``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from prozesse.models import EmergencyScenarioPage, Person, ProcessPage
from prozesse.towns import acting_town_ids, acts_for_all_towns
from prozesse.visibility import visibility_for
from prozesse.wagtail_hooks import TownForm


class ExerciseForm(TownForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        seen = visibility_for(for_user, for_admin=True)
        towns = None if acts_for_all_towns(for_user) else acting_town_ids(for_user)
        for name, model in (("scenarios", EmergencyScenarioPage), ("processes", ProcessPage)):
            field = self.fields.get(name)
            if field is None:
                continue
            pages = seen.apply(model.objects.live()).order_by("municipality__title", "title")
            if towns is not None:
                pages = pages.filter(municipality_id__in=towns)
            field.queryset = pages
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
            field.label_from_instance = lambda page: f"{page.title} ({page.municipality.title})"
        field = self.fields.get("participants")
        if field is not None:
            people = Person.objects.order_by("name")
            if towns is not None:
                people = people.filter(municipality_id__in=towns)
            field.queryset = people
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)

    def clean(self):
        data = super().clean()
        town = data.get("municipality")
        if town is not None:
            for name in ("scenarios", "processes", "participants"):
                strangers = [
                    item
                    for item in data.get(name) or []
                    if item.municipality_id not in (None, town.pk)
                ]
                if strangers:
                    self.add_error(name, _("Bitte nur Einträge der gewählten Kommune auswählen."))
        return data

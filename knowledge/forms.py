"""Forms of the knowledge app, with German messages for bad input."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.models import Group
from django.db.models import Case, IntegerField, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from knowledge.models import (
    PERMANENT_REASONS,
    Feedback,
    FeedbackKind,
    Handover,
    HandoverReason,
    HandoverStatus,
    InterviewEntry,
)
from knowledge.reading_models import READER_ROLES
from prozesse.choices import DepartmentMultipleChoiceField
from prozesse.models import DepartmentPage, MunicipalityPage, Person
from prozesse.towns import acting_towns


def active_people(today=None):

    today = today or timezone.localdate()
    return Person.objects.filter(Q(left_on__isnull=True) | Q(left_on__gte=today)).select_related(
        "municipality"
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person) -> str:
        town = person.municipality.title if person.municipality_id else ""
        return f"{person.name} – {person.role or '–'}" + (f" ({town})" if town else "")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ConfirmForm(forms.Form):
    note = forms.CharField(
        label=_("Anmerkung (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zum Beispiel: „Mit dem Fachbereich durchgesehen, Telefonnummern geprüft.“"),
    )


class HandoverStartForm(forms.ModelForm):
    person = PersonChoiceField(
        label=_("Person, die geht"),
        queryset=None,
        error_messages={"required": _("Bitte wählen Sie die Person aus, die geht.")},
    )
    default_successor = PersonChoiceField(
        label=_("Nachfolge für alles (optional)"),
        queryset=None,
        required=False,
        help_text=_("Gilt für jeden Eintrag, für den Sie keine eigene Nachfolge wählen."),
    )

    class Meta:
        model = Handover
        fields = [
            "person",
            "reason",
            "last_working_day",
            "return_date",
            "default_successor",
            "note",
        ]
        widgets = {
            "last_working_day": DateInput(),
            "return_date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "reason": {"required": _("Bitte wählen Sie den Anlass.")},
            "last_working_day": {
                "required": _("Bitte geben Sie den letzten Arbeitstag an."),
                "invalid": _("Bitte geben Sie den letzten Arbeitstag als Datum an."),
            },
            "return_date": {"invalid": _("Bitte geben Sie die Rückkehr als Datum an.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        # Someone who already left may still be named somewhere: that is a handover, too.
        self.fields["person"].queryset = Person.objects.select_related("municipality").order_by(
            "name"
        )
        self.fields["default_successor"].queryset = active_people().order_by("name")
        self.fields["reason"].choices = [("", "---------"), *HandoverReason.choices]

    def clean(self):
        data = super().clean()
        person = data.get("person")
        if person is not None and (
            Handover.objects.filter(person=person).exclude(status=HandoverStatus.CLOSED).exists()
        ):
            self.add_error(
                "person",
                _("Für %(name)s läuft bereits eine Wissensübergabe.") % {"name": person.name},
            )
        if data.get("reason") in PERMANENT_REASONS and data.get("return_date"):
            self.add_error(
                "return_date", _("Bei Ruhestand oder Stellenwechsel gibt es kein Rückkehrdatum.")
            )
        return data


class HandoverItemsForm(forms.Form):
    """Successor and "transfer" tick per handover item (fields ``successor_<id>``,
    ``selected_<id>``)."""

    def __init__(self, *args, handover: Handover, items=None, **kwargs):
        """``items``: the handover's items the user may see (default: all)."""
        super().__init__(*args, **kwargs)
        self.handover = handover
        self.rows = []
        items = items if items is not None else handover.items
        town = handover.person.municipality_id
        people = (
            active_people()
            .exclude(pk=handover.person_id)
            .annotate(
                elsewhere=Case(
                    When(municipality_id=town, then=0), default=1, output_field=IntegerField()
                )
            )
            .order_by("elsewhere", "name")  # colleagues of the same town first
        )
        for item in items.select_related("page", "successor").order_by("kind", "pk"):
            if not item.is_reassignable:
                self.rows.append((item, None, None))
                continue
            successor = PersonChoiceField(
                label=_("Nachfolge für „%(item)s“") % {"item": item.label},
                queryset=people,
                required=False,
                initial=item.successor_id,
                empty_label=_("wie „Nachfolge für alles“"),
                disabled=item.done_at is not None,
            )
            selected = forms.BooleanField(
                label=_("übertragen"),
                required=False,
                initial=item.selected,
                disabled=item.done_at is not None,
            )
            self.fields[f"successor_{item.pk}"] = successor
            self.fields[f"selected_{item.pk}"] = selected
            self.rows.append((item, self[f"successor_{item.pk}"], self[f"selected_{item.pk}"]))

    def save(self) -> None:
        for item, successor_field, _selected in self.rows:
            if successor_field is None or item.done_at:
                continue
            item.successor = self.cleaned_data[f"successor_{item.pk}"]
            item.selected = self.cleaned_data[f"selected_{item.pk}"]
            item.save(update_fields=["successor", "selected"])


class InterviewEntryForm(forms.ModelForm):
    """One answer of the handover interview, as part of the one interview form
    (:class:`knowledge.interview.InterviewForm`): its text, the pages it concerns and whether
    to delete it. The topic comes from the section the answer stands in."""

    class Meta:
        model = InterviewEntry
        fields = ["text", "pages"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "pages": forms.CheckboxSelectMultiple(),
        }
        error_messages = {
            "text": {
                "required": _(
                    "Bitte schreiben Sie eine Antwort – oder kreuzen Sie „Antwort löschen“ an."
                )
            },
        }

    def __init__(self, *args, handover: Handover, items=None, **kwargs):
        """``items``: the handover's items the user may see (default: all)."""
        super().__init__(*args, **kwargs)
        self.handover = handover
        page_ids = (items if items is not None else handover.items).values_list(
            "page_id", flat=True
        )
        self.fields["pages"].queryset = Page.objects.filter(pk__in=page_ids).order_by("title")
        self.fields["pages"].required = False
        self.fields["pages"].help_text = _(
            "Die Seiten aus dieser Übergabe, die die Antwort betrifft."
        )
        if self.instance.pk:
            self.fields["text"].label = _("Antwort")
        else:
            # A new answer box may stay empty (it is skipped); no "required" mark on it.
            self.fields["text"].label = _("Neue Antwort (leer lassen, wenn es nichts gibt)")
            self.fields["text"].required = False

    def clean(self):
        cleaned = super().clean()
        if (
            not self.instance.pk
            and not (cleaned.get("text") or "").strip()
            and cleaned.get("pages")
        ):
            self.add_error("text", _("Bitte schreiben Sie eine Antwort zu den gewählten Seiten."))
        return cleaned

    def save(self, commit: bool = True):
        """Pages the user may not see stay attached: the form only offers the visible ones."""
        hidden = []
        if self.instance.pk:
            offered = self.fields["pages"].queryset.values("pk")
            hidden = list(self.instance.pages.exclude(pk__in=offered))
        entry = super().save(commit=commit)
        if commit and hidden:
            entry.pages.add(*hidden)
        return entry


class AdoptForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("In Fachbereich übernehmen"),
        queryset=None,
        error_messages={
            "required": _("Bitte wählen Sie den Fachbereich, in den der Prozess übernommen wird."),
            "invalid_choice": _("In diesen Fachbereich dürfen Sie keinen Prozess übernehmen."),
        },
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)

        field = self.fields["department"]
        field.queryset = DepartmentPage.objects.filter(pk__in=[d.pk for d in departments])
        field.label_from_instance = lambda d: f"{d.get_parent().title} – {d.title}"


class TakeOverForm(forms.Form):
    fields_ = forms.MultipleChoiceField(
        label=_("Felder"), required=False, widget=forms.CheckboxSelectMultiple
    )
    steps = forms.MultipleChoiceField(
        label=_("Prozessschritte"), required=False, widget=forms.CheckboxSelectMultiple
    )
    action = forms.ChoiceField(
        choices=[("uebernehmen", _("Übernehmen")), ("kenntnis", _("Zur Kenntnis genommen"))],
        widget=forms.HiddenInput,
        required=False,
    )

    def __init__(self, *args, comparison, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields_"].choices = [(c.name, c.label) for c in comparison.fields]
        self.fields["steps"].choices = [
            (s.key, f"{s.name} ({s.label})") for s in comparison.steps if s.selectable
        ]

    def clean(self):
        data = super().clean()
        data["action"] = data.get("action") or "uebernehmen"
        if (
            data.get("action") == "uebernehmen"
            and not data.get("fields_")
            and not data.get("steps")
        ):
            raise forms.ValidationError(
                _(
                    "Bitte wählen Sie mindestens eine Änderung aus – oder nehmen Sie die "
                    "Änderungen nur zur Kenntnis."
                )
            )
        return data


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["kind", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5, "maxlength": 5000})}
        labels = {"kind": _("Art der Rückmeldung"), "text": _("Ihre Rückmeldung")}
        error_messages = {
            "text": {
                "required": _("Bitte schreiben Sie Ihre Rückmeldung."),
                "max_length": _("Bitte fassen Sie sich kürzer (höchstens 5000 Zeichen)."),
            },
            "kind": {"invalid_choice": _("Bitte wählen Sie Kommentar oder Erfahrungsbericht.")},
        }

    def clean(self):
        data = super().clean()
        if data.get("kind") == FeedbackKind.REPORT and not (data.get("title") or "").strip():
            self.add_error("title", _("Bitte geben Sie Ihrem Erfahrungsbericht einen Titel."))
        text = (data.get("text") or "").strip()
        if "text" in data and len(text) < 10:
            self.add_error("text", _("Bitte schreiben Sie mindestens einen ganzen Satz."))
        return data


class ReadCampaignForm(forms.Form):
    """Whom to ask for a read confirmation of a page's released version: towns, departments,
    groups and roles, all within the towns the requesting user acts for."""

    municipalities = forms.ModelMultipleChoiceField(
        label=_("Kommunen (alle Mitarbeitenden)"),
        queryset=MunicipalityPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    departments = DepartmentMultipleChoiceField(
        label=_("Fachbereiche"),
        queryset=DepartmentPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    roles = forms.MultipleChoiceField(
        label=_("Rollen (in der Kommune der Seite)"),
        choices=READER_ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Gruppen"),
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(label=_("Zur Kenntnis bis"), widget=DateInput())
    note = forms.CharField(
        label=_("Hinweis an die Lesenden"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zum Beispiel: was sich geändert hat und warum es wichtig ist."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        towns = acting_towns(user).order_by("title")
        self.fields["municipalities"].queryset = towns
        departments = DepartmentPage.objects.none()
        for town in towns:
            departments |= DepartmentPage.objects.descendant_of(town)
        self.fields["departments"].queryset = departments.order_by("path")
        town_paths = [town.path for town in towns]
        anchored = Q(pk__in=[])
        for path in town_paths:
            anchored |= Q(page_permissions__page__path__startswith=path)
        self.fields["groups"].queryset = (
            Group.objects.filter(anchored | Q(staff_of__municipality__in=towns))
            .distinct()
            .order_by("name")
        )
        if not self.is_bound:
            self.initial.setdefault("due_date", timezone.localdate() + datetime.timedelta(days=14))

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("Das Datum darf nicht in der Vergangenheit liegen."))
        return due

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("municipalities", "departments", "roles", "groups")):
            raise forms.ValidationError(
                _("Bitte wählen Sie aus, wer die Seite zur Kenntnis nehmen soll.")
            )
        return data

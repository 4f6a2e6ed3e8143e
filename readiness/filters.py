"""The filters of the exercise listing in the admin (a WagtailFilterSet, like the register
list's ``prozesse.filters.AdminRegisterFilterSet``): type, status, town, open follow-ups. The
towns offered are those the user acts for (``prozesse.towns``)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from prozesse.models import MunicipalityPage
from prozesse.towns import acting_towns
from readiness.models import Exercise, ExerciseKind, ExerciseStatus
from readiness.models.exercises import OPEN_FINDING_STATUSES

FOLLOW_UP_CHOICES = [
    ("offen", _("Mit offenen Maßnahmen")),
    ("ueberfaellig", _("Mit überfälligen Maßnahmen")),
]


class ExerciseFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Art der Übung"), choices=ExerciseKind.choices)
    status = django_filters.ChoiceFilter(label=_("Stand"), choices=ExerciseStatus.choices)
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommune"), queryset=MunicipalityPage.objects.none()
    )
    massnahmen = django_filters.ChoiceFilter(
        label=_("Maßnahmen"), choices=FOLLOW_UP_CHOICES, method="filter_follow_ups"
    )

    class Meta:
        model = Exercise
        fields = ["kind", "status", "municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["municipality"].queryset = acting_towns(user).order_by("title")

    def filter_follow_ups(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        condition = {"findings__status__in": OPEN_FINDING_STATUSES}
        if value == "ueberfaellig":
            condition["findings__due_date__lt"] = timezone.localdate()
        return queryset.filter(**condition).distinct()

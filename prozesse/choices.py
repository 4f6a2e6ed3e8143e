"""How people and departments are offered in forms: always with their town (27 departments
across four towns share names such as "Bürgerbüro"), and never a person who has left.

* :func:`department_label` – "Bürgerbüro (Verbandsgemeinde Diez)".
* :func:`person_label` – "Sabine Krämer – Sachbearbeitung (Verbandsgemeinde Diez)".
* :func:`present_people` – people whose last working day has not passed.
* :class:`DepartmentChoiceField`, :class:`DepartmentMultipleChoiceField` – form fields that
  use the label.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from prozesse.models.organisation import MunicipalityPage


def town_titles(departments) -> dict[int, str]:
    """Town title per department id, in one query (departments are children of their town)."""
    paths = {department.path[: -department.steplen] for department in departments}
    towns = dict(MunicipalityPage.objects.filter(path__in=paths).values_list("path", "title"))
    return {d.pk: towns.get(d.path[: -d.steplen], "") for d in departments}


def department_label(department, town: str | None = None) -> str:
    if town is None:
        town = town_titles([department]).get(department.pk, "")
    return f"{department.title} ({town})" if town else department.title


def person_label(person) -> str:
    town = person.municipality.title if person.municipality_id else ""
    label = f"{person.name} – {person.role}" if person.role else person.name
    return f"{label} ({town})" if town else label


def present_people(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """``queryset`` of people without those whose last working day has passed."""
    today = today or timezone.localdate()
    return queryset.filter(Q(left_on__isnull=True) | Q(left_on__gte=today))


class _DepartmentLabels:
    """Labels with the town, looked up once for all choices."""

    def _labels(self) -> dict[int, str]:
        cached = getattr(self, "_label_cache", None)
        if cached is None:
            cached = town_titles(list(self.queryset))
            self._label_cache = cached
        return cached

    def label_from_instance(self, obj) -> str:
        return department_label(obj, self._labels().get(obj.pk, ""))


class DepartmentChoiceField(_DepartmentLabels, forms.ModelChoiceField):
    pass


class DepartmentMultipleChoiceField(_DepartmentLabels, forms.ModelMultipleChoiceField):
    pass

"""The rating grid of the impact analysis: one row per impact category, one select per outage
window – 30 ratings on one screen, filled with the keyboard (Tab and the arrow keys)."""

from __future__ import annotations

import json

from django import forms

from continuity import impact
from prozesse.models import Criticality

CRITICALITY_LABELS = dict(Criticality.choices)


class RatingGridWidget(forms.Widget):
    """Edits the ``ratings`` JSON of an ``ImpactAnalysis`` as a table of selects.

    Each cell posts as ``<name>-<category>-<window index>``; the widget hands the form field
    (a ``JSONField``) the ratings as JSON text."""

    template_name = "continuity/widgets/rating_grid.html"

    class Media:
        css = {"all": ("continuity/continuity-admin.css",)}

    def _ratings(self, value) -> dict:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = None
        return impact.normalised(value if isinstance(value, dict) else None)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ratings = self._ratings(value)
        base_id = (attrs or {}).get("id") or name
        rows = []
        for key, label in impact.CATEGORIES:
            cells = []
            for index, (_hours, window) in enumerate(impact.WINDOWS):
                cells.append(
                    {
                        "name": f"{name}-{key}-{index}",
                        "id": f"{base_id}-{key}-{index}",
                        "value": ratings[key][index],
                        "label": f"{label}, {window}",
                    }
                )
            rows.append({"label": label, "cells": cells})
        mtpd = impact.mtpd_hours(ratings)
        context["widget"]["grid"] = {
            "windows": [label for _hours, label in impact.WINDOWS],
            "ratings": impact.RATINGS,
            "rows": rows,
            "rated": impact.is_rated(ratings),
            "mtpd": impact.hours_label(mtpd) if mtpd else None,
            "criticality_label": CRITICALITY_LABELS.get(impact.criticality_for(ratings) or ""),
        }
        return context

    def value_from_datadict(self, data, files, name):
        ratings = {}
        for key in impact.CATEGORY_KEYS:
            row = []
            for index in range(len(impact.WINDOWS)):
                raw = data.get(f"{name}-{key}-{index}", "")
                row.append(int(raw) if raw in {"0", "1", "2", "3", "4"} else None)
            ratings[key] = row
        return json.dumps(ratings)

    def value_omitted_from_data(self, data, files, name):
        return not any(key.startswith(f"{name}-") for key in data)

"""A quieter "Vergleichen" in the page history (issue 21): Wagtail's field comparisons, but
a line-ending change is no change, an empty value never reads "None", and the order of tags
or chosen items is no difference. Registered for the field types of our pages at start-up
(``knowledge.wagtail_hooks``), through Wagtail's own ``register_comparison_class``."""

from __future__ import annotations

from django.db import models
from django.utils.html import escape
from modelcluster.fields import ParentalManyToManyField
from taggit.managers import TaggableManager
from wagtail.admin.compare import (
    FieldComparison,
    M2MFieldComparison,
    TagsFieldComparison,
    TextDiff,
    TextFieldComparison,
    register_comparison_class,
)

from knowledge.comparison import normalise_text

#: How an empty value reads in the comparison (instead of "None").
EMPTY = "–"


class QuietTextComparison(TextFieldComparison):
    """Text compared as people read it (``knowledge.comparison.normalise_text``)."""

    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.val_a, self.val_b = normalise_text(self.val_a), normalise_text(self.val_b)


class QuietValueComparison(FieldComparison):
    """Numbers, dates, yes/no: an empty value is shown as "–", never "None"."""

    @staticmethod
    def shown(value) -> str:
        if value is None or value == "":
            return EMPTY
        if hasattr(value, "strftime"):
            return value.strftime("%d.%m.%Y")
        return str(value)

    def htmldiff(self):
        if self.val_a == self.val_b:
            return escape(self.shown(self.val_a))
        changes = []
        if self.val_a not in (None, ""):
            changes.append(("deletion", self.shown(self.val_a)))
        if self.val_b not in (None, ""):
            changes.append(("addition", self.shown(self.val_b)))
        return TextDiff(changes, separator=" ").to_html()


class UnorderedItemsComparison(M2MFieldComparison):
    """Chosen items (IT systems, towns): the same items in another order are no change."""

    def get_items(self):
        key = str
        return sorted(self.val_a, key=key), sorted(self.val_b, key=key)


class UnorderedTagsComparison(TagsFieldComparison):
    """Tags: the same tags in another order are no change."""

    def get_items(self):
        return (
            sorted(self.val_a, key=lambda tag: tag.slug),
            sorted(self.val_b, key=lambda tag: tag.slug),
        )


def register() -> None:
    for field_class in (models.CharField, models.TextField):
        register_comparison_class(field_class, comparison_class=QuietTextComparison)
    for field_class in (
        models.IntegerField,
        models.DateField,
        models.DecimalField,
        models.FloatField,
        models.BooleanField,
    ):
        register_comparison_class(field_class, comparison_class=QuietValueComparison)
    for field_class in (models.ManyToManyField, ParentalManyToManyField):
        register_comparison_class(field_class, comparison_class=UnorderedItemsComparison)
    register_comparison_class(TaggableManager, comparison_class=UnorderedTagsComparison)

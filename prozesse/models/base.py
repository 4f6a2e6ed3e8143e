"""The common base of everything the register lists: processes, scenarios, decisions, articles.

A concrete (multi-table) base page, so one search or one query spans all content types with
the same filters and facets: municipality, department, status, owner, review date, tags.
Municipality and department are derived from the page tree at save time (never per request).
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    CommentPanel,
    FieldPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    PublishingPanel,
)
from wagtail.models import Page
from wagtail.search import index


class RegisterEntryTag(TaggedItemBase):
    content_object = ParentalKey(
        "prozesse.RegisterEntryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class RegisterEntryPage(Page):
    """Abstract in spirit (not creatable), concrete in the database."""

    #: Months until the next review; subclasses set their own default.
    default_review_months = 12
    #: Name of the subclass field that holds its workflow status, if any.
    status_field: str | None = None

    summary = models.TextField(
        _("Kurzbeschreibung"),
        blank=True,
        help_text=_("Zwei, drei Sätze: worum geht es? Erscheint in Listen und Suchergebnissen."),
    )
    content_owner = models.ForeignKey(
        "prozesse.Person",
        verbose_name=_("Verantwortlich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_entries",
    )
    tags = ClusterTaggableManager(
        through=RegisterEntryTag, blank=True, verbose_name=_("Schlagwörter")
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("Prüfintervall (Monate)"), null=True, blank=True
    )
    next_review_date = models.DateField(_("Nächste Überprüfung"), null=True, blank=True)
    last_reviewed_at = models.DateField(_("Zuletzt geprüft"), null=True, blank=True, editable=False)

    # Derived at save time for filters, facets and constant-query listings.
    municipality = models.ForeignKey(
        "prozesse.MunicipalityPage",
        verbose_name=_("Kommune"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    department = models.ForeignKey(
        "prozesse.DepartmentPage",
        verbose_name=_("Fachbereich"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    register_status = models.CharField(max_length=32, blank=True, editable=False, db_index=True)

    is_creatable = False
    #: A copy (another town adopting the page) has not carried the decision in itself.
    exclude_fields_in_copy = ["decision_references"]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.RelatedFields(
            "content_owner", [index.SearchField("name"), index.SearchField("role")]
        ),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields("municipality", [index.SearchField("title")]),
        index.RelatedFields("department", [index.SearchField("title")]),
        index.FilterField("municipality"),
        index.FilterField("department"),
        index.FilterField("register_status"),
        index.FilterField("next_review_date"),
    ]

    # An intranet needs no search-engine fields and no site menus: one tab for scheduling,
    # with the page's address (Wagtail fills it from the title) below.
    promote_panels: list = []
    settings_panels = [
        PublishingPanel(),
        FieldPanel(
            "slug",
            heading=_("Adresse der Seite"),
            help_text=_(
                "Wird aus dem Titel gebildet; nur ändern, wenn die Adresse kürzer sein soll."
            ),
        ),
        CommentPanel(),
    ]

    class Meta:
        verbose_name = _("Registereintrag")
        verbose_name_plural = _("Registereinträge")

    @classmethod
    def meta_panels(cls) -> list:
        """Owner, tags and review panels every content type shows at the end of its form."""
        return [
            MultiFieldPanel(
                [
                    FieldPanel("content_owner"),
                    FieldPanel("tags"),
                    FieldPanel("review_interval_months"),
                    FieldPanel("next_review_date"),
                ],
                heading=_("Verantwortung und Wiedervorlage"),
            )
        ]

    @classmethod
    def decision_panels(cls) -> list:
        """ "Geändert durch Beschluss": the decisions a page carries in (processes, scenarios,
        articles; ``prozesse.models.decision_tracking.DecisionReference``)."""
        return [
            MultipleChooserPanel(
                "decision_references",
                chooser_field_name="decision",
                heading=_("Geändert durch Beschluss"),
                label=_("Beschluss"),
                help_text=_(
                    "Setzt diese Fassung einen Beschluss um, wählen Sie ihn hier. Mit der "
                    "Veröffentlichung gilt die Seite beim Beschluss als umgesetzt."
                ),
            )
        ]

    # ------------------------------------------------------------------ review dates
    @property
    def effective_review_months(self) -> int:
        return self.review_interval_months or self.default_review_months

    def default_review_date(self, day: datetime.date) -> datetime.date:
        """The plain default for ``next_review_date``: ``day`` plus the page's own or its
        type's interval. Knowledge management's policy replaces it on creation
        (``knowledge.reviews.schedule_new_entry``)."""
        return day + relativedelta(months=self.effective_review_months)

    @property
    def review_overdue(self) -> bool:
        return self.next_review_date is not None and self.next_review_date < timezone.localdate()

    def clean(self) -> None:
        super().clean()
        today = timezone.localdate()
        if self._state.adding and self.next_review_date and self.next_review_date < today:
            raise ValidationError(
                {
                    "next_review_date": _(
                        "Das Datum der nächsten Überprüfung darf bei einer neuen Seite nicht in "
                        "der Vergangenheit liegen."
                    )
                }
            )
        self.derive_fields()

    def minimal_clean(self) -> None:
        # Wagtail validates drafts only minimally; derived fields are still needed for them.
        super().minimal_clean()
        self.derive_fields()

    def derive_fields(self) -> None:
        """Fill fields that follow from others. Runs on every save, drafts included;
        subclasses extend it and may raise ValidationError for input that cannot be used."""
        if self.next_review_date is None:
            self.next_review_date = self.default_review_date(timezone.localdate())

    # ------------------------------------------------------------------ derived fields
    def status_value(self) -> str:
        return getattr(self, self.status_field, "") if self.status_field else ""

    def status_label(self) -> str:
        if not self.status_field:
            return ""
        return getattr(self, f"get_{self.status_field}_display")()

    def sync_derived_fields(self) -> None:
        """Fill municipality, department and status from the tree and the subclass."""
        # By name, not import: the organisation pages' module imports this one (via selectors).
        DepartmentPage = apps.get_model("prozesse", "DepartmentPage")
        MunicipalityPage = apps.get_model("prozesse", "MunicipalityPage")

        self.register_status = self.status_value()
        if not self.path:
            return
        self.municipality = MunicipalityPage.objects.ancestor_of(self).first()
        self.department = DepartmentPage.objects.ancestor_of(self).first()

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.sync_derived_fields()
        return super().save(*args, **kwargs)

    @property
    def type_label(self) -> str:
        """Verbose name of the concrete content type (no extra query: content types are cached)."""
        model = self.specific_class or type(self)
        return str(model._meta.verbose_name)

    @property
    def last_change(self) -> datetime.datetime | None:
        return self.last_published_at or self.latest_revision_created_at


def status_labels() -> dict[str, str]:
    """Display labels of every register status value across all content types."""
    labels: dict[str, str] = {}
    for model in RegisterEntryPage.__subclasses__():
        if model.status_field:
            labels.update(
                (value, str(label))
                for value, label in model._meta.get_field(model.status_field).choices
            )
    return labels

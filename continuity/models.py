"""Business continuity records: locations and providers (snippets), and the parts of process and
scenario pages that the continuity panels add (BIA, dependencies, what a scenario knocks out).

The page parts hang on their page with a ``ParentalKey``, so they are saved in the page's
revisions and go through the department's approval workflow like any change of the page.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable
from wagtail.search import index

from continuity import impact, rollup

NOT_NEGATIVE = MinValueValidator(0, message=_("Bitte eine Zahl ab 0 eingeben."))


class ProviderKind(models.TextChoices):
    SERVICE = "dienstleister", _("Dienstleister")
    DATA_CENTRE = "rechenzentrum", _("Rechenzentrum")
    SUPPLIER = "versorger", _("Versorger (Strom, Telefon, Netz)")


class _TownResource(index.Indexed, ClusterableModel):
    """A resource a town's processes depend on, maintained by that town's knowledge management
    (empty town: shared by all towns)."""

    name = models.CharField(_("Name"), max_length=200)
    municipality = models.ForeignKey(
        "prozesse.MunicipalityPage",
        verbose_name=_("Gepflegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leer: gemeinsam für alle Kommunen."),
    )
    recovery_hours = models.PositiveIntegerField(
        _("Wiederherstellungszeit in Stunden"),
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
        help_text=_("Zugesagt oder erfahrungsgemäß; leer, wenn unbekannt."),
    )
    fallback = models.TextField(
        _("Ausweichlösung"), blank=True, help_text=_("Was tun, wenn es ausfällt?")
    )
    contact = models.CharField(_("Kontakt im Notfall"), max_length=300, blank=True)

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.FilterField("municipality"),
    ]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(_TownResource):
    """A building or site (Standort) processes are run from."""

    address = models.CharField(_("Anschrift"), max_length=300, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("municipality"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("recovery_hours"), FieldPanel("contact")]),
        FieldPanel("fallback"),
    ]

    class Meta(_TownResource.Meta):
        verbose_name = _("Standort")
        verbose_name_plural = _("Standorte")


class Provider(_TownResource):
    """An external provider: service provider, data centre (Rechenzentrum), utility."""

    kind = models.CharField(
        _("Art"), max_length=20, choices=ProviderKind.choices, default=ProviderKind.SERVICE
    )
    it_systems = ParentalManyToManyField(
        "prozesse.ITSystem",
        blank=True,
        related_name="continuity_providers",
        verbose_name=_("Betriebene Fachverfahren"),
        help_text=_("Fällt der Dienstleister aus, fallen auch diese Fachverfahren aus."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("municipality")]),
        FieldPanel("it_systems"),
        FieldRowPanel([FieldPanel("recovery_hours"), FieldPanel("contact")]),
        FieldPanel("fallback"),
    ]

    class Meta(_TownResource.Meta):
        verbose_name = _("Dienstleister")
        verbose_name_plural = _("Dienstleister")


class ImpactAnalysis(models.Model):
    """The business impact analysis (Folgenabschätzung) of a process; at most one per process.

    The process's ``rto_hours`` and ``criticality`` follow from it (``continuity.derive``)."""

    page = ParentalKey(
        "prozesse.ProcessPage", related_name="impact_analysis", on_delete=models.CASCADE
    )
    ratings = models.JSONField(_("Auswirkungen eines Ausfalls"), default=impact.empty_ratings)
    rto_hours = models.PositiveIntegerField(
        _("Wiederanlaufzeit (RTO) in Stunden"),
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
        help_text=_("Bis wann der Prozess wieder laufen soll; höchstens die tolerierbare Zeit."),
    )
    rpo_hours = models.PositiveIntegerField(
        _("Höchster Datenverlust (RPO) in Stunden"),
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
        help_text=_("Wie viele Stunden Daten dürfen höchstens verloren gehen?"),
    )
    note = models.TextField(_("Begründung"), blank=True)

    class Meta:
        verbose_name = _("Folgenabschätzung")
        verbose_name_plural = _("Folgenabschätzungen")
        permissions = [
            ("view_bia_overview", "Folgenabschätzungen der eigenen Kommunen ansehen"),
            ("view_bia_all_towns", "Folgenabschätzungen aller Kommunen ansehen"),
        ]

    def __str__(self) -> str:
        return str(_("Folgenabschätzung"))

    @property
    def mtpd_hours(self) -> int | None:
        return impact.mtpd_hours(self.ratings)

    @property
    def criticality(self) -> str | None:
        return impact.criticality_for(self.ratings)

    def clean(self) -> None:
        super().clean()
        self.ratings = impact.normalised(self.ratings)
        errors = {}
        falling = impact.falling_categories(self.ratings)
        if falling:
            errors["ratings"] = _(
                "Die Auswirkung kann mit längerem Ausfall nicht kleiner werden. Bitte prüfen: "
                "%(categories)s."
            ) % {"categories": ", ".join(falling)}
        mtpd = self.mtpd_hours
        if self.rto_hours is not None and mtpd is not None and self.rto_hours > mtpd:
            errors["rto_hours"] = _(
                "Die Wiederanlaufzeit (%(rto)s Stunden) ist länger als die maximal tolerierbare "
                "Ausfallzeit (%(mtpd)s). Bitte eine kürzere Wiederanlaufzeit eintragen oder die "
                "Auswirkungen prüfen."
            ) % {"rto": self.rto_hours, "mtpd": impact.hours_label(mtpd)}
        if errors:
            raise ValidationError(errors)


class DependencyKind(models.TextChoices):
    PROCESS = rollup.PROCESS, _("Prozess")
    IT_SYSTEM = rollup.IT_SYSTEM, _("Fachverfahren")
    PERSON = rollup.PERSON, _("Person")
    LOCATION = rollup.LOCATION, _("Standort")
    PROVIDER = rollup.PROVIDER, _("Dienstleister")


#: Target field per dependency kind.
TARGET_FIELDS = {
    DependencyKind.PROCESS: "process",
    DependencyKind.IT_SYSTEM: "it_system",
    DependencyKind.PERSON: "person",
    DependencyKind.LOCATION: "location",
    DependencyKind.PROVIDER: "provider",
}


class _Target(models.Model):
    """Exactly one of: IT system, person, location, provider (and process for dependencies)."""

    it_system = models.ForeignKey(
        "prozesse.ITSystem",
        verbose_name=_("Fachverfahren"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        "prozesse.Person",
        verbose_name=_("Person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("Standort"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("Dienstleister"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    target_fields: tuple[str, ...] = ("it_system", "person", "location", "provider")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.target or "–")

    def chosen(self) -> list[str]:
        return [name for name in self.target_fields if getattr(self, f"{name}_id")]

    @property
    def kind(self) -> str:
        chosen = self.chosen()
        by_field = {field: kind for kind, field in TARGET_FIELDS.items()}
        return str(by_field[chosen[0]]) if chosen else ""

    @property
    def target(self):
        chosen = self.chosen()
        return getattr(self, chosen[0]) if chosen else None

    def clean(self) -> None:
        super().clean()
        if len(self.chosen()) != 1:
            raise ValidationError(
                _("Bitte genau eines auswählen: %(choices)s.")
                % {
                    "choices": ", ".join(
                        str(self._meta.get_field(name).verbose_name) for name in self.target_fields
                    )
                }
            )


class ProcessDependency(_Target, Orderable):
    """Something a process needs to run: another process, an IT system, a person, a location
    or an external provider."""

    page = ParentalKey(
        "prozesse.ProcessPage", related_name="continuity_dependencies", on_delete=models.CASCADE
    )
    process = models.ForeignKey(
        "prozesse.ProcessPage",
        verbose_name=_("Prozess"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    recovery_hours = models.PositiveIntegerField(
        _("Wieder verfügbar nach (Stunden)"),
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
        help_text=_("Leer: bei Standort und Dienstleister gilt deren Angabe, sonst unbekannt."),
    )
    has_fallback = models.BooleanField(_("Ausweichlösung vorhanden"), default=False)
    fallback = models.CharField(_("Ausweichlösung"), max_length=300, blank=True)

    target_fields = ("process", "it_system", "person", "location", "provider")

    panels = [
        FieldRowPanel([FieldPanel("it_system"), FieldPanel("provider"), FieldPanel("location")]),
        FieldRowPanel([FieldPanel("person"), FieldPanel("process")]),
        FieldRowPanel(
            [FieldPanel("recovery_hours"), FieldPanel("has_fallback"), FieldPanel("fallback")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Abhängigkeit")
        verbose_name_plural = _("Abhängigkeiten")

    def clean(self) -> None:
        super().clean()
        if self.process_id and self.process_id == self.page_id:
            raise ValidationError(
                {"process": _("Ein Prozess kann nicht von sich selbst abhängen.")}
            )
        if self.fallback and not self.has_fallback:
            self.has_fallback = True


class ScenarioOutage(_Target, Orderable):
    """What an emergency scenario knocks out: an IT system, a person, a location, a provider."""

    page = ParentalKey(
        "prozesse.EmergencyScenarioPage",
        related_name="continuity_outages",
        on_delete=models.CASCADE,
    )

    panels = [
        FieldRowPanel([FieldPanel("it_system"), FieldPanel("provider")]),
        FieldRowPanel([FieldPanel("location"), FieldPanel("person")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Ausfall")
        verbose_name_plural = _("Ausfälle")

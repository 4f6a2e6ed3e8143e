"""Snippets for people and IT systems (Fachverfahren) that pages refer to."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from prozesse.models.organisation import MunicipalityPage


class Person(index.Indexed, models.Model):
    """Someone who owns, deputises or is called in an alarm chain. May have a user account."""

    name = models.CharField(_("Name"), max_length=200)
    role = models.CharField(_("Funktion"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "prozesse.MunicipalityPage",
        verbose_name=_("Kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text=_(
            "Die Kommune, deren Wissensmanagement die Person pflegt; mit einem Fachbereich "
            "ergibt sie sich aus ihm."
        ),
    )
    department = models.ForeignKey(
        "prozesse.DepartmentPage",
        verbose_name=_("Fachbereich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    left_on = models.DateField(
        _("Ausgeschieden am"),
        null=True,
        blank=True,
        help_text=_("Letzter Arbeitstag; danach gilt die Person als ausgeschieden."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        MultiFieldPanel(
            [FieldPanel("municipality"), FieldPanel("department")], heading=_("Organisation")
        ),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Kontakt")),
        FieldPanel("user"),
        FieldPanel("left_on"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("email"),
        index.FilterField("municipality"),
        index.FilterField("department"),
    ]

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["name"]

    def __str__(self) -> str:
        """Name, function and town: people are chosen across towns (``prozesse.choices``)."""
        town = self.municipality.title if self.municipality_id else ""
        details = ", ".join(part for part in (self.role, town) if part)
        return f"{self.name} ({details})" if details else self.name

    def save(self, *args, **kwargs) -> None:
        if self.department_id and not self.municipality_id:
            self.municipality = MunicipalityPage.objects.ancestor_of(self.department).first()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """The town follows the department; a department of another town is refused."""

        super().clean()
        if self.department_id:
            town = MunicipalityPage.objects.ancestor_of(self.department).first()
            if town is not None and self.municipality_id and self.municipality_id != town.pk:
                raise ValidationError(
                    {"department": _("Der Fachbereich gehört zu einer anderen Kommune.")}
                )
            self.municipality = town


class ITSystem(index.Indexed, models.Model):
    """A Fachverfahren: software used in process steps."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    vendor = models.CharField(_("Hersteller"), max_length=200, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    url = models.URLField(_("Link"), blank=True)
    municipality = models.ForeignKey(
        "prozesse.MunicipalityPage",
        verbose_name=_("Gepflegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="it_systems",
        help_text=_(
            "Die Kommune, deren Wissensmanagement den Eintrag pflegt. Leer: ein gemeinsames "
            "Fachverfahren aller Kommunen, gepflegt vom Wissensmanagement (alle Kommunen)."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("municipality"),
        FieldPanel("vendor"),
        FieldPanel("description"),
        FieldPanel("url"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("vendor"),
        index.SearchField("description"),
        index.FilterField("municipality"),
    ]

    class Meta:
        verbose_name = _("Fachverfahren")
        verbose_name_plural = _("Fachverfahren")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

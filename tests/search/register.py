"""A small register for search tests: two municipalities, one department each, and entries of
every type with tags, categories and statuses (what the search tests look for by name).

Built with the factories rather than provisioning (search tests need no roles); the
``register`` fixture (tests/search/conftest.py) indexes it in the live search engine."""

from __future__ import annotations

from dataclasses import dataclass

from prozesse.models import ArticlePage, DecisionPage, EmergencyScenarioPage, ProcessPage
from tests.builders import publish
from tests.factories import (
    ArticlePageFactory,
    CommitteeSectionPageFactory,
    DecisionPageFactory,
    DepartmentPageFactory,
    EmergencyScenarioPageFactory,
    MunicipalityPageFactory,
    ProcessPageFactory,
)


@dataclass
class Register:
    gewerbe_diez: ProcessPage
    gewerbe_montabaur: ProcessPage
    hundesteuer: ProcessPage
    grundsteuer: ProcessPage
    stromausfall: EmergencyScenarioPage
    beschluss: DecisionPage
    artikel: ArticlePage

    @property
    def diez(self):
        return self.gewerbe_diez.municipality

    @property
    def montabaur(self):
        return self.gewerbe_montabaur.municipality


def build_register() -> Register:
    """The register, every entry published (not yet refreshed in the engine)."""
    diez = MunicipalityPageFactory(title="Verbandsgemeinde Diez", slug="diez")
    montabaur = MunicipalityPageFactory(title="Verbandsgemeinde Montabaur", slug="montabaur")
    buergerbuero = DepartmentPageFactory(parent=diez, title="Bürgerbüro", slug="buergerbuero")
    finanzen = DepartmentPageFactory(parent=diez, title="Finanzen", slug="finanzen")
    ordnung = DepartmentPageFactory(parent=montabaur, title="Ordnungsamt", slug="ordnungsamt")
    committee = CommitteeSectionPageFactory()
    return Register(
        gewerbe_diez=publish(
            ProcessPageFactory(
                parent=buergerbuero,
                title="Gewerbeanmeldung",
                summary="Anzeige eines stehenden Gewerbes nach § 14 GewO im Bürgerbüro.",
                trigger="Gewerbetreibende zeigen den Beginn ihres Betriebs an.",
                category="kern",
                status="ist",
            ),
            tags=["Gewerbe", "OZG"],
        ),
        gewerbe_montabaur=publish(
            ProcessPageFactory(
                parent=ordnung,
                title="Gewerbeanmeldung",
                summary="Gewerbeanzeigen im Ordnungsamt Montabaur, Modell aus Diez übernommen.",
                category="kern",
                status="soll",
            ),
            tags=["Gewerbe"],
        ),
        hundesteuer=publish(
            ProcessPageFactory(
                parent=finanzen,
                title="Hundesteuer An- und Abmeldung",
                summary="An- und Abmeldung von Hunden zur Hundesteuer; Ausgabe der Steuermarke.",
                category="kern",
                status="ist",
            ),
            tags=["Steuern"],
        ),
        grundsteuer=publish(
            ProcessPageFactory(
                parent=finanzen,
                title="Grundsteuerbescheid erstellen",
                summary="Festsetzung der Grundsteuer A und B nach den Hebesätzen.",
                category="unterstuetzung",
                status="in_ueberarbeitung",
            ),
            tags=["Steuern"],
        ),
        stromausfall=publish(
            EmergencyScenarioPageFactory(
                parent=buergerbuero,
                title="Stromausfall im Rathaus",
                summary="Längerer Stromausfall: Server, Telefonie und Bürgerbüro fallen aus.",
                category="stromausfall",
                description="<p>Notbetrieb im Feuerwehrgerätehaus; Gewerbeanzeigen auf Papier.</p>",
            )
        ),
        beschluss=publish(
            DecisionPageFactory(
                parent=committee,
                title="Interkommunale Übernahme der Gewerbeprozesse",
                summary="Montabaur übernimmt das Gewerbe-Prozessmodell aus Diez.",
                decision_number="LK-2026-06",
                decision_status="beschlossen",
            )
        ),
        artikel=publish(
            ArticlePageFactory(
                parent=buergerbuero,
                title="Erfahrungen mit der E-Akte im Bürgerbüro",
                summary="Ein Jahr E-Akte: was gut lief und was wir anderen Kommunen raten.",
                body=[{"type": "text", "value": "<p>Gewerbeanzeigen werden jetzt gescannt.</p>"}],
            )
        ),
    )

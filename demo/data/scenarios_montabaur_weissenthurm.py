"""Emergency scenarios of Montabaur and Weißenthurm (BSI 200-4 style)."""

from __future__ import annotations

import datetime

from demo.data.types import AlarmEntry, ScenarioData, bullets, html

SCENARIOS: tuple[ScenarioData, ...] = (
    ScenarioData(
        municipality="montabaur",
        department="IT",
        slug="ausfall-telefonanlage",
        title="Ausfall der Telefonanlage",
        category="it_ausfall",
        owner="mon-kern",
        summary=(
            "Die zentrale Telefonanlage (Cloud-Telefonie) ist gestört; Verwaltung und Kitas "
            "sind telefonisch nicht erreichbar."
        ),
        description=html(
            "Ohne Telefonie erreichen Bürgerinnen, Kitas und Rettungsdienste die Verwaltung "
            "nur per E-Mail. Notrufweiterleitungen der Kitas fallen aus."
        ),
        triggers=html("Keine Freizeichen, Störungsmeldung des Providers, Beschwerden per E-Mail."),
        alarm_chain=(
            AlarmEntry("IT-Koordination", "mon-kern", None, "0160 1261900", "Mo–Fr 7–18 Uhr"),
            AlarmEntry(
                "Leitung Zentrale Dienste", "mon-schuster", None, "0160 1261500", "Mo–Fr 7–17 Uhr"
            ),
            AlarmEntry("Kita-Koordination", "mon-wolf", None, "02602 126-270", "Mo–Fr 7–16 Uhr"),
        ),
        actions=(
            "Störung beim Provider melden",
            "Diensthandys an Bürgerbüro und Kita-Koordination ausgeben",
            "Rufumleitung der Zentrale auf Mobilnummer schalten",
            "Homepage-Hinweis mit Ersatznummern veröffentlichen",
            "Kitas per E-Mail und Messenger informieren",
        ),
        continuity=html("Erreichbarkeit über zwei Mobilnummern und das Kontaktformular."),
        recovery=html("Rufumleitungen zurücksetzen, Testanrufe in alle Bereiche."),
        resources=bullets("Sechs Diensthandys mit Ladegeräten", "Liste der Ersatznummern"),
        processes=("it-stoerungsmeldung", "wohnsitzanmeldung", "kita-platzvergabe"),
        last_exercise=datetime.date(2026, 5, 12),
        exercise_result="Umschaltung auf Mobilnummern in 25 Minuten geübt.",
        tags=("Notfallvorsorge", "Telefonie"),
    ),
    ScenarioData(
        municipality="montabaur",
        department="ZD",
        slug="brand-verwaltungsgebaeude",
        title="Brand im Verwaltungsgebäude",
        category="gebaeudeausfall",
        owner="mon-schuster",
        summary=(
            "Brand im Verwaltungsgebäude Konrad-Adenauer-Platz; das Gebäude ist für Wochen "
            "nicht nutzbar."
        ),
        description=html(
            "Nach einem Brand ist das Gebäude gesperrt. Papierakten und Arbeitsplätze sind "
            "beschädigt; die Daten liegen im externen Rechenzentrum."
        ),
        triggers=html("Brandmeldeanlage, Räumungsalarm."),
        alarm_chain=(
            AlarmEntry(
                "Leitung Zentrale Dienste", "mon-schuster", "mon-hartmann", "0160 1261500", "24/7"
            ),
            AlarmEntry("IT-Koordination", "mon-kern", None, "0160 1261900", "24/7"),
            AlarmEntry("Bürgerservice", "mon-hartmann", None, "0160 1262100", "Mo–Fr 7–17 Uhr"),
        ),
        actions=(
            "Gebäude räumen, Sammelplatz aufsuchen, Anwesenheit prüfen",
            "Feuerwehr einweisen",
            "Verwaltungsstab im Ausweichquartier (Bürgerhaus) bilden",
            "Ausweicharbeitsplätze und Notebooks organisieren",
            "Bürgerinformation über Homepage und Presse",
            "Versicherung informieren",
        ),
        continuity=html(
            "Bürgerservice im Bürgerhaus mit mobilen Arbeitsplätzen; Homeoffice für "
            "alle übrigen Bereiche."
        ),
        recovery=html("Sanierung, Rückumzug, Wiederherstellung beschädigter Papierakten."),
        resources=bullets("Ausweichquartier Bürgerhaus", "20 Notebooks aus dem Rahmenvertrag"),
        processes=(
            "wohnsitzanmeldung",
            "reisepass-beantragen",
            "posteingang-e-akte",
            "rechnungseingang-und-zahlungsanweisung",
        ),
        last_exercise=datetime.date(2025, 9, 24),
        exercise_result="Räumungsübung in 6 Minuten; Sammelplatz-Liste aktualisiert.",
        tags=("Notfallvorsorge",),
    ),
    ScenarioData(
        municipality="weissenthurm",
        department="ZD",
        slug="personalausfall-pandemie",
        title="Personalausfall durch Pandemie",
        category="personalausfall",
        owner="wei-braun",
        summary=(
            "Mehr als 30 Prozent der Beschäftigten fallen über Wochen aus; kritische Prozesse "
            "müssen mit Vertretungen weiterlaufen."
        ),
        description=html(
            "Eine Infektionswelle führt zu hohen Ausfällen. Vertretungen, Homeoffice und "
            "Priorisierung sichern die kritischen Prozesse."
        ),
        triggers=html("Krankenquote über 20 Prozent, Warnungen des Gesundheitsamts."),
        alarm_chain=(
            AlarmEntry("Personal", "wei-braun", "wei-sauer", "0151 9131600", "Mo–Fr 7–17 Uhr"),
            AlarmEntry("Bürgerbüro", "wei-mueller", None, "02637 913-110", "Servicezeiten"),
            AlarmEntry("Finanzen", "wei-krause", None, "02637 913-140", "Mo–Fr 7–17 Uhr"),
        ),
        actions=(
            "Tägliche Lagebesprechung einrichten",
            "Kritische Prozesse und Mindestbesetzung festlegen",
            "Vertretungsliste aus dem Prozessregister prüfen",
            "Homeoffice für alle nicht ortsgebundenen Aufgaben anordnen",
            "Terminangebot im Bürgerbüro reduzieren",
            "Hygienemaßnahmen aktualisieren",
        ),
        continuity=html(
            "Bürgerbüro mit zwei Schaltern und reinem Terminbetrieb; Kasse mit zwei "
            "Freigabeberechtigten im Wechsel."
        ),
        recovery=html("Rückkehr zum Normalbetrieb, Abbau der Rückstände nach Priorität."),
        resources=bullets("Homeoffice-Ausstattung für 40 Personen", "Vertretungsliste"),
        processes=(
            "wohnsitzanmeldung",
            "personalausweis-beantragen",
            "rechnungseingang-und-zahlungsanweisung",
        ),
        tags=("Notfallvorsorge", "Personal"),
        review_due=datetime.date(2026, 8, 31),
    ),
    ScenarioData(
        municipality="weissenthurm",
        department="IT",
        slug="stromausfall-rathaus",
        title="Stromausfall Rathaus Weißenthurm",
        category="stromausfall",
        owner="wei-hofmann",
        summary="Stromausfall im Rathaus; Serverraum läuft 45 Minuten über die USV.",
        description=html(
            "Ein Ausfall des Stromnetzes legt das Rathaus lahm. Ohne Notstromeinspeisung "
            "müssen die Server nach 45 Minuten heruntergefahren werden."
        ),
        triggers=html("Stromausfall, USV-Alarm per SMS."),
        alarm_chain=(
            AlarmEntry("IT-Koordination", "wei-hofmann", None, "0151 9131800", "24/7"),
            AlarmEntry(
                "Bürgerbüro", "wei-mueller", "wei-schaefer", "0151 9131100", "Servicezeiten"
            ),
        ),
        actions=(
            "Netzbetreiber anrufen und Dauer erfragen",
            "Server geordnet herunterfahren",
            "Bürgerbüro schließen und Aushang anbringen",
            "Notstrom über die Feuerwehr anfordern",
            "Homepage über Mobilgerät aktualisieren",
        ),
        continuity=html("Dringende Meldeangelegenheiten auf Papiervordruck."),
        recovery=html("Geordneter Wiederanlauf, Funktionstest der Fachverfahren."),
        resources=bullets("Papiervordrucke", "Einspeisepunkt für Notstrom"),
        processes=("it-stoerungsmeldung", "wohnsitzanmeldung", "personalausweis-beantragen"),
        last_exercise=datetime.date(2025, 10, 8),
        exercise_result="Gemeinsame Übung mit Diez; siehe Erfahrungsbericht.",
        tags=("Notfallvorsorge", "BSI 200-4"),
    ),
)

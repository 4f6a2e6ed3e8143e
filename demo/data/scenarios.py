"""Emergency scenarios of Diez and Kaisersesch (BSI 200-4 style)."""

from __future__ import annotations

import datetime

from demo.data.types import AlarmEntry, ScenarioData, bullets, html

SCENARIOS: tuple[ScenarioData, ...] = (
    ScenarioData(
        municipality="diez",
        department="ZD",
        slug="stromausfall-rathaus",
        title="Stromausfall Rathaus Diez",
        category="stromausfall",
        owner="die-neumann",
        summary=(
            "Längerer Stromausfall im Rathaus Diez: Server, Telefonie und Bürgerbüro fallen aus; "
            "Notbetrieb im Feuerwehrgerätehaus."
        ),
        description=html(
            "Ein Stromausfall von mehr als vier Stunden legt das Rathaus lahm. Die USV hält den "
            "Serverraum etwa 30 Minuten; danach müssen die Systeme geordnet heruntergefahren "
            "werden.",
            "Besonders betroffen sind Meldewesen, Ausweisausgabe und der tägliche Zahllauf.",
        ),
        triggers=html(
            "Meldung des Netzbetreibers (Energienetze Mittelrhein) oder Ausfall der "
            "Netzversorgung ohne Ankündigung.",
            "USV meldet Batteriebetrieb per SMS an die IT-Koordination.",
        ),
        alarm_chain=(
            AlarmEntry(
                "Leitung Verwaltungsstab",
                "die-neumann",
                "die-schmitt",
                "0170 5011700",
                "24/7 im Bereitschaftsplan",
            ),
            AlarmEntry("IT-Koordination", "die-bruehl", None, "0170 5011900", "Mo–Fr 7–18 Uhr"),
            AlarmEntry(
                "Wehrleitung (Notstrom)", "die-weber", None, "0170 5012000", "24/7 über Leitstelle"
            ),
            AlarmEntry(
                "Bürgerbüro", "die-kraemer", "die-hoffmann", "06432 501-110", "Servicezeiten"
            ),
        ),
        actions=(
            "Lage beim Netzbetreiber erfragen und voraussichtliche Dauer festhalten",
            "Server nach USV-Alarm geordnet herunterfahren (Checkliste im Serverraum)",
            "Bürgerbüro schließen, Aushang am Eingang anbringen",
            "Notstromaggregat der Feuerwehr anfordern",
            "Notbetrieb Meldewesen im Feuerwehrgerätehaus einrichten",
            "Presse und Homepage informieren (Text-Vorlage im Notfallordner)",
            "Kasse: Zahllauf über die Bank manuell freigeben lassen",
        ),
        continuity=html(
            "Meldebestätigungen in dringenden Fällen auf Papiervordruck, Nacherfassung im "
            "Fachverfahren nach Wiederanlauf.",
            "Ausweisausgabe und Anträge nur für Notfälle (Reise, Krankenhaus).",
        ),
        recovery=html(
            "Reihenfolge beim Hochfahren: Netzwerk, Domäne, Datenbanken, Fachverfahren. "
            "Funktionstest Meldewesen und Kasse vor Öffnung des Bürgerbüros."
        ),
        resources=bullets(
            "Notstromaggregat 60 kVA (Feuerwehr)",
            "Notfallordner mit Papiervordrucken",
            "Zwei Notebooks mit LTE-Router",
        ),
        processes=(
            "wohnsitzanmeldung",
            "personalausweis-beantragen",
            "it-stoerungsmeldung",
            "rechnungseingang-und-zahlungsanweisung",
        ),
        last_exercise=datetime.date(2025, 10, 8),
        exercise_result=(
            "Übung mit Abschaltung des Hauptschalters: Herunterfahren dauerte 40 statt 20 "
            "Minuten, weil die Checkliste veraltet war. Checkliste überarbeitet, Notstrom-"
            "Einspeisepunkt beschriftet."
        ),
        tags=("Notfallvorsorge", "BSI 200-4"),
    ),
    ScenarioData(
        municipality="diez",
        department="IT",
        slug="cyberangriff-ransomware",
        title="Cyberangriff mit Ransomware",
        category="it_ausfall",
        owner="die-bruehl",
        summary=(
            "Verschlüsselung von Servern und Arbeitsplätzen durch Schadsoftware; alle "
            "Fachverfahren stehen still, Daten sind möglicherweise abgeflossen."
        ),
        description=html(
            "Schadsoftware verschlüsselt Dateiserver und Fachverfahren. Die Verwaltung ist "
            "über Tage bis Wochen nur eingeschränkt arbeitsfähig.",
            "Meldepflichten gegenüber Datenschutzaufsicht und CERT-rlp beachten.",
        ),
        triggers=html(
            "Erpresserschreiben auf Bildschirmen, massenhaft unlesbare Dateien, Alarm des "
            "Virenschutzes oder Hinweis des CERT-rlp."
        ),
        alarm_chain=(
            AlarmEntry("IT-Koordination", "die-bruehl", None, "0170 5011900", "24/7"),
            AlarmEntry(
                "Leitung Verwaltungsstab", "die-neumann", "die-schmitt", "0170 5011700", "24/7"
            ),
            AlarmEntry(
                "Datenschutzbeauftragte", "die-lang", None, "06432 501-175", "Mo–Fr 8–16 Uhr"
            ),
            AlarmEntry("CERT-rlp (Meldung)", "ext-cert", None, "06131 16-4250", "24/7"),
        ),
        actions=(
            "Betroffene Geräte vom Netz trennen, nicht ausschalten",
            "Internetzugang am Übergabepunkt sperren",
            "CERT-rlp und Rechenzentrum informieren",
            "Verwaltungsstab einberufen",
            "Meldung an den LfDI binnen 72 Stunden prüfen (Art. 33 DSGVO)",
            "Kommunikation nur über Telefon und private Notfall-Messenger-Gruppe",
            "Offline-Sicherung auf Unversehrtheit prüfen",
            "Strafanzeige beim LKA stellen",
        ),
        continuity=html(
            "Bürgerbüro arbeitet mit Papiervordrucken und Terminlisten. Zahlungen nur "
            "für Gehälter und Sozialleistungen per Notfallverfahren der Bank."
        ),
        recovery=html(
            "Neuaufbau aus der Offline-Sicherung in einer bereinigten Umgebung; Fachverfahren "
            "in der Reihenfolge ihrer Wiederanlaufzeit."
        ),
        resources=bullets(
            "Forensik-Dienstleister laut Rahmenvertrag",
            "Offline-Sicherung (Band, wöchentlich)",
            "Zehn saubere Notebooks",
        ),
        processes=(
            "it-stoerungsmeldung",
            "wohnsitzanmeldung",
            "posteingang-e-akte",
            "rechnungseingang-und-zahlungsanweisung",
        ),
        last_exercise=datetime.date(2026, 3, 18),
        exercise_result=(
            "Planspiel mit dem CERT-rlp: Meldeweg funktionierte, die Notfall-Telefonliste "
            "war aber nur digital vorhanden. Ausdruck liegt jetzt im Tresor."
        ),
        tags=("IT-Sicherheit", "Notfallvorsorge"),
    ),
    ScenarioData(
        municipality="diez",
        department="FW",
        slug="hochwasser-lahn",
        title="Hochwasser an der Lahn",
        category="hochwasser",
        owner="die-weber",
        summary=(
            "Lahnhochwasser mit Überflutung der Altstadt; Zufahrt zum Rathaus und "
            "Kellerarchiv gefährdet."
        ),
        description=html(
            "Ab einem Pegel Diez von 5,50 m sind tiefliegende Straßen überflutet, ab 6,20 m "
            "droht Wasser im Kellerarchiv und im Serverraum."
        ),
        triggers=html(
            "Hochwassermeldedienst Rheinland-Pfalz, Pegelwarnung über die Warn-App NINA."
        ),
        alarm_chain=(
            AlarmEntry("Wehrleitung", "die-weber", None, "0170 5012000", "24/7 über Leitstelle"),
            AlarmEntry("Leitung Verwaltungsstab", "die-neumann", None, "0170 5011700", "24/7"),
            AlarmEntry("IT-Koordination", "die-bruehl", None, "0170 5011900", "Mo–Fr 7–18 Uhr"),
        ),
        actions=(
            "Pegelstand und Prognose stündlich verfolgen",
            "Kellerarchiv räumen (Prioritätenliste im Notfallordner)",
            "Serverraum-Sandsäcke auslegen",
            "Bürgerbüro in das Bürgerhaus auf dem Berg verlegen",
            "Bevölkerung über Homepage und Warn-App informieren",
        ),
        continuity=html("Bürgerbüro im Bürgerhaus mit zwei Notebooks und LTE-Router."),
        recovery=html("Trocknung, Schadensaufnahme für die Versicherung, Rückumzug."),
        resources=bullets("500 Sandsäcke (Bauhof)", "Transporter des Bauhofs"),
        processes=("wohnsitzanmeldung", "personalausweis-beantragen", "posteingang-e-akte"),
        last_exercise=datetime.date(2024, 11, 20),
        exercise_result="Räumung des Kellerarchivs in 3 Stunden geübt.",
        tags=("Notfallvorsorge", "Hochwasser"),
        review_due=datetime.date(2026, 5, 31),
    ),
    ScenarioData(
        municipality="kaisersesch",
        department="BB",
        slug="ausfall-meldewesen",
        title="Ausfall Meldewesen-Fachverfahren",
        category="it_ausfall",
        owner="kai-schneider",
        summary="Das Fachverfahren VOIS|MESO ist beim Rechenzentrum nicht erreichbar.",
        description=html(
            "Ohne Meldewesen können weder An- und Abmeldungen noch Ausweisanträge bearbeitet "
            "werden. Die Bundesdruckerei-Anbindung fällt mit aus."
        ),
        triggers=html("Fehlermeldung beim Anmelden, Störungsmeldung des Rechenzentrums."),
        alarm_chain=(
            AlarmEntry(
                "Bürgerbüro", "kai-schneider", "kai-klein", "02653 9996-21", "Servicezeiten"
            ),
            AlarmEntry("Büroleitung", "kai-klein", None, "0171 9996010", "Mo–Fr 7–17 Uhr"),
            AlarmEntry(
                "Rechenzentrum", "ext-rechenzentrum", None, "0261 9130-500", "Mo–Fr 7–18 Uhr"
            ),
        ),
        actions=(
            "Störung beim Rechenzentrum melden und Ticketnummer notieren",
            "Wartende Bürgerinnen und Bürger informieren, Termine verschieben",
            "Dringende Anmeldungen auf Papiervordruck aufnehmen",
            "Homepage-Hinweis veröffentlichen",
            "Nacherfassungsliste führen",
        ),
        continuity=html("Papiervordrucke für Anmeldung und Meldebestätigung im Notfallordner."),
        recovery=html("Nacherfassung am selben oder nächsten Tag, Vier-Augen-Kontrolle."),
        resources=bullets("Papiervordrucke", "Nacherfassungsliste"),
        processes=("wohnsitzanmeldung", "personalausweis-beantragen", "gewerbeanmeldung"),
        last_exercise=datetime.date(2026, 2, 4),
        exercise_result="Tischübung im Bürgerbüro; Vordrucke ergänzt.",
        tags=("Notfallvorsorge", "Meldewesen"),
    ),
    ScenarioData(
        municipality="kaisersesch",
        department="ZD",
        slug="ausfall-rechenzentrum",
        title="Ausfall des Rechenzentrums-Dienstleisters",
        category="dienstleister",
        owner="kai-klein",
        summary=(
            "Der kommunale Rechenzentrums-Dienstleister fällt für mehrere Tage aus; "
            "Finanzwesen, Meldewesen und E-Akte sind nicht erreichbar."
        ),
        description=html(
            "Alle zentral betriebenen Fachverfahren stehen still. Lokal bleiben nur "
            "Office-Anwendungen und Telefonie."
        ),
        triggers=html("Information des Dienstleisters, Ausfall mehrerer Fachverfahren zugleich."),
        alarm_chain=(
            AlarmEntry("Büroleitung", "kai-klein", "kai-bauer", "0171 9996010", "24/7"),
            AlarmEntry("Finanzen", "kai-fuchs", None, "02653 9996-40", "Mo–Fr 7–17 Uhr"),
            AlarmEntry("Bürgerbüro", "kai-schneider", None, "02653 9996-21", "Servicezeiten"),
        ),
        actions=(
            "Lage und Prognose beim Dienstleister erfragen",
            "Verwaltungsstab einberufen, wenn Ausfall länger als 24 Stunden",
            "Fälligkeiten der Kasse prüfen (Gehälter, Sozialleistungen)",
            "Notfallzahlungen mit der Bank abstimmen",
            "Bürgerinformation veröffentlichen",
            "Notfallvereinbarung mit dem Dienstleister aktivieren",
        ),
        continuity=html("Notfallzahlungen per Bank-Portal mit Vier-Augen-Freigabe."),
        recovery=html("Abgleich aller Buchungen nach Wiederanlauf, Nacherfassung."),
        resources=bullets("Zugang zum Bank-Portal mit zwei Freigabeberechtigten"),
        processes=(
            "wohnsitzanmeldung",
            "rechnungseingang-und-zahlungsanweisung",
            "grundsteuerbescheid-erstellen",
        ),
        tags=("Notfallvorsorge", "Dienstleister"),
        status="in_ueberarbeitung",
        review_due=datetime.date(2026, 9, 15),
    ),
    ScenarioData(
        municipality="kaisersesch",
        department="FW",
        slug="starkregen-hochwasser",
        title="Starkregen und Hochwasser an Elzbach und Mosel",
        category="hochwasser",
        owner="kai-zimmer",
        summary="Starkregen mit Sturzfluten in den Ortsgemeinden, Moselhochwasser im Süden.",
        description=html(
            "Starkregenereignisse in der Vordereifel überfluten Ortslagen innerhalb von Minuten; "
            "gleichzeitig sind die Verbindungen ins Moseltal gesperrt."
        ),
        triggers=html("Unwetterwarnung des DWD ab Stufe 3, Meldungen der Ortsbürgermeister."),
        alarm_chain=(
            AlarmEntry("Wehrleitung", "kai-zimmer", None, "0171 9996060", "24/7 über Leitstelle"),
            AlarmEntry("Büroleitung", "kai-klein", None, "0171 9996010", "24/7"),
        ),
        actions=(
            "Führungsstab der Feuerwehr einrichten",
            "Ortsbürgermeister telefonisch informieren",
            "Sandsackausgabe am Bauhof organisieren",
            "Bürgertelefon schalten",
            "Schäden an kommunalen Gebäuden dokumentieren",
        ),
        continuity=html("Bürgertelefon im Rathaus, Verwaltung arbeitet im Normalbetrieb weiter."),
        recovery=html("Schadensaufnahme, Anträge auf Soforthilfe des Landes."),
        resources=bullets("Bürgertelefon mit vier Plätzen", "Sandsäcke und Pumpen"),
        processes=("wohnsitzanmeldung", "rechnungseingang-und-zahlungsanweisung"),
        last_exercise=datetime.date(2025, 6, 14),
        exercise_result="Stabsrahmenübung mit der Kreisverwaltung; Meldewege funktionierten.",
        tags=("Notfallvorsorge", "Hochwasser"),
    ),
)

"""Wiki articles: lessons learned, how-tos and background."""

from __future__ import annotations

import datetime

from demo.data.types import ArticleData, Callout, ProcessEmbed, bullets, html

ARTICLES: tuple[ArticleData, ...] = (
    ArticleData(
        municipality="diez",
        department="BB",
        slug="erfahrungen-e-akte-buergerbuero",
        title="Erfahrungen mit der E-Akte im Bürgerbüro",
        kind="erfahrungsbericht",
        owner="die-kraemer",
        summary=(
            "Ein Jahr E-Akte im Bürgerbüro Diez: was gut lief, was wir unterschätzt haben und "
            "was wir anderen Kommunen raten."
        ),
        body=(
            html(
                "<h2>Ausgangslage</h2>",
                "Bis 2024 lagen Meldeunterlagen, Gewerbeanzeigen und Fundanzeigen in Papierakten "
                "im Keller. Seit Januar 2025 scannt die Poststelle alle Eingänge, das Bürgerbüro "
                "arbeitet nur noch im Postkorb.",
                "<h2>Was gut lief</h2>",
                bullets(
                    "Akten sind sofort für die Vertretung verfügbar, auch im Homeoffice.",
                    "Die Suche nach Altfällen dauert Sekunden statt Minuten.",
                    "Der Platz im Kellerarchiv wird für das Hochwasser-Notfallmaterial genutzt.",
                ),
                "<h2>Was wir unterschätzt haben</h2>",
                "Die Umstellung des Aktenplans hat drei Monate gedauert. Ohne klare Regeln für "
                "Dokumenttypen landen Dokumente doppelt oder gar nicht im richtigen Vorgang.",
            ),
            Callout(
                "tip",
                "Unser Rat",
                "<p>Beginnen Sie mit <b>einem</b> Prozess mit hoher Fallzahl und klaren Regeln – "
                "bei uns war das der Posteingang.</p>",
            ),
            ProcessEmbed("diez/posteingang-e-akte", "Das Prozessmodell der Poststelle"),
            html(
                "Fragen beantwortet gern Sabine Krämer (Fachbereichsleitung Bürgerbüro, "
                "06432 501-110)."
            ),
        ),
        tags=("E-Akte", "Lessons Learned"),
    ),
    ArticleData(
        municipality="montabaur",
        department="ZD",
        slug="prozesssteckbrief-pflegen",
        title="So pflegen Sie einen Prozesssteckbrief",
        kind="anleitung",
        owner="mon-schuster",
        summary="Schritt für Schritt: vom Anlegen bis zur Freigabe eines Prozesssteckbriefs.",
        body=(
            html(
                "<h2>1. Prozess anlegen</h2>",
                "Legen Sie den Steckbrief im eigenen Fachbereich an. Der Registerschlüssel "
                "(z. B. MON-BB-0003) wird automatisch vergeben.",
                "<h2>2. Pflichtangaben</h2>",
                bullets(
                    "Kurzbeschreibung in zwei, drei Sätzen",
                    "Auslöser und Ergebnis",
                    "Prozessschritte mit zuständiger Rolle und Fachverfahren",
                    "Verantwortliche Person und mindestens eine Vertretung",
                ),
                "<h2>3. BPMN-Diagramm hochladen</h2>",
                "Exportieren Sie das Modell als .bpmn-Datei. Das Register erzeugt daraus eine "
                "Grafik und eine barrierefreie Textgliederung.",
            ),
            Callout(
                "info",
                "LeiKa-Schlüssel",
                "<p>Tragen Sie bei Bürgerleistungen den 14-stelligen LeiKa-Schlüssel ein. So "
                "finden andere Kommunen denselben Prozess.</p>",
            ),
            ProcessEmbed("diez/gewerbeanmeldung", "Ein vollständiges Beispiel mit BPMN-Modell"),
            html(
                "<h2>4. Freigabe</h2>",
                "Nach dem Speichern geht der Steckbrief an die Freigabe Ihres Fachbereichs. "
                "Danach ist er für alle Kommunen sichtbar.",
            ),
            Callout(
                "warning",
                "Wiedervorlage",
                "<p>Steckbriefe müssen jährlich geprüft werden (Beschluss LK-2026-02).</p>",
            ),
        ),
        tags=("Prozessmanagement", "Anleitung"),
    ),
    ArticleData(
        municipality="diez",
        department="ZD",
        slug="lessons-learned-stromausfall-uebung-2025",
        title="Lessons Learned aus der Stromausfall-Übung 2025",
        kind="erfahrungsbericht",
        owner="die-neumann",
        summary=(
            "Gemeinsame Übung von Diez und Weißenthurm am 8. Oktober 2025: Hauptschalter aus, "
            "was passiert?"
        ),
        body=(
            html(
                "<h2>Ablauf</h2>",
                "Um 9:00 Uhr wurde in beiden Rathäusern der Hauptschalter umgelegt. Beobachtet "
                "wurden Alarmierung, Herunterfahren der Server und Notbetrieb im Bürgerbüro.",
                "<h2>Ergebnisse</h2>",
                bullets(
                    "Alarmierung: alle Personen der Meldekette in 12 Minuten erreicht.",
                    "Herunterfahren: 40 statt 20 Minuten, weil die Checkliste veraltet war.",
                    "Notbetrieb: Papiervordrucke vorhanden, aber nicht vollständig.",
                    "Die Notfall-Telefonliste lag nur digital vor.",
                ),
            ),
            Callout(
                "warning",
                "Wichtigste Erkenntnis",
                "<p>Ein Notfallhandbuch, das nur im Intranet liegt, hilft bei Stromausfall "
                "nicht. Drucken Sie das Notfallhandbuch aus und legen Sie es in den Tresor.</p>",
            ),
            ProcessEmbed("diez/wohnsitzanmeldung", "Kritischer Prozess mit RTO 24 Stunden"),
            html("Die Maßnahmen sind im Szenario „Stromausfall Rathaus Diez“ eingearbeitet."),
        ),
        tags=("Notfallvorsorge", "Lessons Learned", "Übung"),
    ),
    ArticleData(
        municipality="kaisersesch",
        department="ZD",
        slug="checkliste-wissensuebergabe",
        title="Checkliste Wissensübergabe beim Ausscheiden",
        kind="anleitung",
        owner="kai-bauer",
        summary=(
            "Was vor dem letzten Arbeitstag übergeben werden muss – verbindlich seit LK-2026-03."
        ),
        body=(
            html(
                "<h2>Sechs Wochen vorher</h2>",
                bullets(
                    "Nachfolge oder Vertretung mit der Führungskraft festlegen",
                    "Liste der verantworteten Prozesse und Notfallrollen aus dem Register ziehen",
                    "Übergabegespräche terminieren",
                ),
                "<h2>Zwei Wochen vorher</h2>",
                bullets(
                    "Prozesssteckbriefe aktualisieren und Verantwortung übertragen",
                    "Alarmierungsketten in den Notfallszenarien anpassen",
                    "Zugänge zu Fachverfahren für die Nachfolge beantragen",
                ),
                "<h2>Letzter Arbeitstag</h2>",
                bullets("Geräte und Schlüssel zurückgeben", "Übergabeprotokoll unterschreiben"),
            ),
            Callout(
                "tip",
                "Tipp",
                "<p>Ungeschriebenes Wissen steckt oft in Sonderfällen. Fragen Sie gezielt: "
                "„Was machst du, wenn …?“</p>",
            ),
            ProcessEmbed("diez/offboarding", "Der Offboarding-Prozess als Vorlage"),
        ),
        tags=("Wissensmanagement", "Wissensübergabe", "Personal"),
    ),
    ArticleData(
        municipality="weissenthurm",
        department=None,
        slug="ozg-reifegrade",
        title="Hintergrund: Reifegrade nach dem Onlinezugangsgesetz",
        kind="hintergrund",
        owner="wei-sauer",
        summary="Was die Reifegrade 0 bis 4 bedeuten und wie wir sie im Register angeben.",
        body=(
            html(
                "Das OZG-Reifegradmodell beschreibt, wie weit eine Verwaltungsleistung "
                "digitalisiert ist:",
                bullets(
                    "0 – nur offline",
                    "1 – Informationen online",
                    "2 – Formular zum Herunterladen",
                    "3 – Online-Antrag mit Nachweisen",
                    "4 – vollständig digital inklusive Bescheid",
                ),
                "Im Register geben Sie den Reifegrad je Prozess an; die Prozesslandkarte zeigt "
                "so, wo noch Papier im Spiel ist.",
            ),
            ProcessEmbed(
                "weissenthurm/wohnsitzanmeldung", "Reifegrad 2: Termin online, Antrag vor Ort"
            ),
        ),
        tags=("OZG", "Digitalisierung"),
        review_due=datetime.date(2026, 10, 1),
    ),
)

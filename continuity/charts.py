"""The chart of the BIA overview: one bar per process up to its effective recovery time, coloured
by criticality, with a mark at its maximum tolerable downtime. Drawn like the knowledge
dashboard's charts (``knowledge.charts``: server-side SVG with title and description); the
numbers are also in the table next to it.

The time axis is divided by the analysis windows (4 h, 1 day, 3 days, 1 week, 2 weeks), equally
spaced, so hours and weeks both stay readable."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from continuity.impact import WINDOWS, hours_label
from knowledge.charts import (
    BAR_AREA,
    BAR_HEIGHT,
    FONT,
    LABEL_WIDTH,
    ROW_GAP,
    Series,
    legend,
    svg_chart,
)
from prozesse.models import Criticality

#: Criticality → colour (contrast ≥ 4.5:1 against white).
COLOURS = {
    Criticality.VERY_HIGH: "#a4000f",
    Criticality.HIGH: "#8a4b00",
    Criticality.NORMAL: "#004b87",
    Criticality.LOW: "#4d4d4d",
}
TICKS = [0, *(hours for hours, _label in WINDOWS)]


def _x(hours: int) -> float:
    """Position on the window-divided axis (beyond two weeks: the end of the axis)."""
    step = BAR_AREA / (len(TICKS) - 1)
    for index in range(1, len(TICKS)):
        low, high = TICKS[index - 1], TICKS[index]
        if hours <= high:
            return LABEL_WIDTH + step * (index - 1 + (hours - low) / (high - low))
    return float(LABEL_WIDTH + BAR_AREA)


def recovery_chart(rows, chart_id: str = "chart-wiederanlauf") -> SafeString:
    """``rows``: OverviewRow objects (page, effective_hours, mtpd_hours); rows with neither a
    recovery time nor a tolerable downtime have nothing to draw and are left out (the table
    lists them)."""
    rows = [row for row in rows if row.effective_hours is not None or row.mtpd_hours]
    body, descriptions = [], []
    y = 18
    for hours in TICKS[1:]:
        x = _x(hours)
        body.append(
            f'<line x1="{x:.1f}" y1="12" x2="{x:.1f}" y2="100%" stroke="#d9d9d9"/>'
            f'<text x="{x:.1f}" y="10" text-anchor="middle" {FONT}>'
            f"{escape(hours_label(hours))}</text>"
        )
    for row in rows:
        page = row.page
        colour = COLOURS.get(page.criticality, "#4d4d4d")
        label = page.title if len(page.title) <= 28 else page.title[:27] + "…"
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 12}" text-anchor="end" {FONT}>'
            f"{escape(label)}</text>"
        )
        effective = row.effective_hours
        if effective is not None:
            width = _x(effective) - LABEL_WIDTH
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(width, 2):.1f}" '
                f'height="{BAR_HEIGHT}" '
                f'fill="{colour}"><title>{escape(page.title)}: {effective} Std.</title></rect>'
            )
        if row.mtpd_hours is not None:
            x = _x(row.mtpd_hours)
            body.append(
                f'<path d="M{x:.1f} {y - 2} l5 -5 h-10 z" fill="#000"/>'
                f'<line x1="{x:.1f}" y1="{y - 2}" x2="{x:.1f}" y2="{y + BAR_HEIGHT + 2}" '
                f'stroke="#000" stroke-width="2"/>'
            )
        descriptions.append(
            _(
                "%(title)s: %(criticality)s, wieder verfügbar nach %(effective)s, "
                "tolerierbar %(mtpd)s"
            )
            % {
                "title": page.title,
                "criticality": page.get_criticality_display(),
                "effective": hours_label(effective),
                "mtpd": hours_label(row.mtpd_hours) if row.mtpd_hours else _("mehr als 2 Wochen"),
            }
        )
        y += BAR_HEIGHT + ROW_GAP
    series = [Series(str(label), COLOURS[value]) for value, label in Criticality.choices[::-1]]
    legend_svg, legend_height = legend(series, y + 6)
    body.append(legend_svg)
    y += 6 + legend_height
    note = _("Schwarze Marke: maximal tolerierbare Ausfallzeit")
    body.append(f'<text x="{LABEL_WIDTH}" y="{y + 14}" {FONT}>{escape(note)}</text>')
    return svg_chart(
        _("Effektive Wiederanlaufzeit je Prozess"),
        "; ".join(descriptions) or _("Keine Prozesse"),
        y + 24,
        "".join(body),
        chart_id,
    )

"""Server-rendered SVG bar charts (no JavaScript, no build step, printable).

Every chart carries a title and a description for screen readers; the numbers are always also
in a table next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LABEL_WIDTH = 210
BAR_AREA = 420
ROW_GAP = 10
BAR_HEIGHT = 16
FONT = 'font-family="system-ui, sans-serif" font-size="12"'

#: Colours with at least 4.5:1 contrast against white for the value labels' background.
PALETTE = ("#004b87", "#2e6b30", "#a4000f", "#5b2c83", "#8a4b00", "#4d4d4d")
SEQUENTIAL = ("#c6dbef", "#9ecae1", "#4292c6", "#2171b5", "#08306b", "#bdbdbd")


@dataclass
class Series:
    label: str
    color: str


LEGEND_LINE = 18


def _legend(series: list[Series], y: int) -> tuple[str, int]:
    """The legend below the bars, wrapped onto more lines where it would leave the chart
    (it would be cut off); returns the SVG and its height."""
    parts, x, lines = [], LABEL_WIDTH, 1
    right = LABEL_WIDTH + BAR_AREA + 60
    for item in series:
        item_width = 24 + 7 * len(item.label)
        if x > LABEL_WIDTH and x + item_width > right:
            x, y, lines = LABEL_WIDTH, y + LEGEND_LINE, lines + 1
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{item.color}"/>'
            f'<text x="{x + 16}" y="{y + 10}" {FONT}>{escape(item.label)}</text>'
        )
        x += item_width
    return "".join(parts), lines * LEGEND_LINE


def _svg(title: str, description: str, height: int, body: str, chart_id: str) -> SafeString:
    width = LABEL_WIDTH + BAR_AREA + 60
    return mark_safe(
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(description)}</desc>{body}</svg>'
    )


def grouped_percent_bars(
    title: str, rows: list[tuple[str, list[int | None]]], series: list[Series], chart_id: str
) -> SafeString:
    """One group of horizontal bars (0–100 %) per row, one bar per series."""
    body, y = [], 0
    descriptions = []
    for label, values in rows:
        group_height = len(series) * (BAR_HEIGHT + 2)
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + group_height / 2 + 4}" text-anchor="end" '
            f"{FONT}>{escape(label)}</text>"
        )
        parts = []
        for index, (item, value) in enumerate(zip(series, values, strict=True)):
            bar_y = y + index * (BAR_HEIGHT + 2)
            width = 0 if value is None else BAR_AREA * value / 100
            text = "–" if value is None else f"{value} %"
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{item.color}"><title>{escape(item.label)}: {text}</title></rect>'
                f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{bar_y + 12}" {FONT}>{text}</text>'
            )
            parts.append(f"{item.label} {text}")
        descriptions.append(f"{label}: " + ", ".join(parts))
        y += group_height + ROW_GAP
    legend, legend_height = _legend(series, y + 4)
    body.append(legend)
    return _svg(title, "; ".join(descriptions), y + 6 + legend_height, "".join(body), chart_id)


def stacked_share_bars(
    title: str, rows: list[tuple[str, list[int]]], series: list[Series], chart_id: str
) -> SafeString:
    """One 100 %-stacked bar per row: how a total splits into the series."""
    body, y, descriptions = [], 0, []
    for label, values in rows:
        total = sum(values)
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 13}" text-anchor="end" {FONT}>'
            f"{escape(label)}</text>"
        )
        x = float(LABEL_WIDTH)
        parts = []
        for item, value in zip(series, values, strict=True):
            if not total or not value:
                continue
            width = BAR_AREA * value / total
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT + 2}" '
                f'fill="{item.color}"><title>{escape(item.label)}: {value}</title></rect>'
            )
            x += width
            parts.append(f"{item.label} {value}")
        body.append(f'<text x="{LABEL_WIDTH + BAR_AREA + 6}" y="{y + 13}" {FONT}>{total}</text>')
        descriptions.append(f"{label}: " + (", ".join(parts) or "keine"))
        y += BAR_HEIGHT + 2 + ROW_GAP
    legend, legend_height = _legend(series, y + 4)
    body.append(legend)
    return _svg(title, "; ".join(descriptions), y + 6 + legend_height, "".join(body), chart_id)


def svg_chart(title: str, description: str, height: int, body: str, chart_id: str) -> SafeString:
    """An accessible SVG chart around ``body`` (for charts drawn in other apps)."""
    return _svg(title, description, height, body, chart_id)


def legend(series: list[Series], y: int) -> tuple[str, int]:
    """The legend of ``series`` from height ``y`` and its height (for charts in other apps)."""
    return _legend(series, y)

"""The permission matrix: which role may do what where, as the admin offers it.

``PERMISSION_MATRIX`` is THE table of rights: tests/workflows/test_permission_matrix.py checks
every cell through the admin views, the README shows it (``render_permission_table``, also
``manage.py provision_all --print-matrix``) and the admin screen "Rollen und Freigabe" lists
it. ``ROLES`` keys are also the role keys of the hook ``provision_role_permissions``.
"""

from __future__ import annotations

#: The actions of the permission matrix, as the admin offers them.
ACTIONS: dict[str, str] = {
    "view": "Im Admin ansehen",
    "create": "Anlegen",
    "edit": "Bearbeiten",
    "submit": "Zur Freigabe einreichen",
    "approve": "Freigeben / Änderungen anfordern",
    "publish": "Direkt veröffentlichen",
    "delete": "Löschen",
    "move": "Verschieben",
    "unpublish": "Veröffentlichung zurückziehen",
    "approve_own": "Eigene Änderung freigeben",
    "confirm": "Aktualität bestätigen",
    "handover": "Wissensübergabe beginnen",
    "edit_person": "Person bearbeiten",
}
#: Where the page lies, seen from the reference department A of municipality T.
SCOPES: dict[str, str] = {
    "own": "eigener Fachbereich (A)",
    "sibling": "anderer Fachbereich derselben Kommune (B)",
    "other_town": "Fachbereich einer anderen Kommune (C)",
    "committee": "Lenkungskreis (Beschlüsse)",
}
SCOPE_SHORT = {"own": "A", "sibling": "B", "other_town": "C", "committee": "L"}
ROLES: dict[str, str] = {
    "redaktion": "Redaktion T – A",
    "freigabe": "Freigabe T – A",
    "lenkungskreis": "Lenkungskreis",
    "wissen_kommune": "Wissensmanagement T",
    "wissen_alle": "Wissensmanagement (alle Kommunen)",
    "mitarbeitende": "Mitarbeitende",
    "administration": "Administration (Superuser)",
}
_ALL = "own sibling other_town committee"


def _allowed(**cells: str) -> dict[str, frozenset[str]]:
    return {action: frozenset(cells.get(action, "").split()) for action in ACTIONS}


#: THE permission table: role → action → scopes where the action is allowed (published
#: pages; "approve" refers to a page waiting in the first step of its workflow). The tests
#: in tests/workflows/test_permission_matrix.py check every cell through the admin views,
#: and the README shows this table (render_permission_table).
PERMISSION_MATRIX: dict[str, dict[str, frozenset[str]]] = {
    "redaktion": _allowed(view="own", create="own", edit="own", submit="own"),
    "freigabe": _allowed(
        view="own", create="own", edit="own", submit="own", approve="own", confirm="own"
    ),
    "lenkungskreis": _allowed(
        view="committee",
        create="committee",
        edit="committee",
        submit="committee",
        approve="committee",
        confirm="committee",
    ),
    "wissen_kommune": _allowed(
        view="own sibling", confirm="own sibling", handover="own sibling", edit_person="own sibling"
    ),
    "wissen_alle": _allowed(view=_ALL, confirm=_ALL, handover=_ALL, edit_person=_ALL),
    "mitarbeitende": _allowed(),
    "administration": _allowed(**{**dict.fromkeys(ACTIONS, _ALL), "approve_own": ""}),
}

MATRIX_NOTES = (
    "Bezug: Die Rollen Redaktion/Freigabe gehören zu Fachbereich **A** der Kommune **T**; "
    "**B** ist ein anderer Fachbereich in T, **C** ein Fachbereich einer anderen Kommune, "
    "**L** das Gremium Lenkungskreis. Für Rollen ohne Fachbereich bezeichnen die Buchstaben "
    "dieselben Seiten. Geprüft an veröffentlichten Seiten; „Freigeben“ an einer Seite, die "
    "im ersten Schritt ihres Workflows wartet.",
    "Veröffentlicht wird durch die Freigabe: Redaktion und Freigabe veröffentlichen nicht "
    "direkt; die letzte Freigabe im Workflow veröffentlicht (auch zeitgesteuert). "
    "Löschen, Verschieben und Zurückziehen veröffentlichter Seiten bleibt der "
    "Administration vorbehalten; nie veröffentlichte Entwürfe im eigenen Fachbereich "
    "dürfen Redaktion und Freigabe löschen.",
    "Prozesse mit „Interkommunal freigeben“ brauchen nach der Freigabe des Fachbereichs "
    "eine zweite Freigabe durch den Lenkungskreis (in jeder Kommune); bei allen anderen "
    "Inhalten entfällt dieser Schritt und erscheint in der Historie als übersprungen.",
    "Wissensmanagement sieht den Seitenbaum im Admin über das Recht „Sperren“ (Wagtail kennt "
    "kein reines Leserecht für Seiten) und pflegt Personen, Fachverfahren und Schlagwörter.",
    "Mitarbeitende lesen alle veröffentlichten Seiten im Intranet und haben keinen Admin-Zugang.",
    "Vier Augen: Niemand gibt eine Änderung frei (oder fordert als Prüfer:in Änderungen an), "
    "die er oder sie selbst eingereicht oder verfasst hat – auch die Administration nicht. "
    "„Freigeben“ ist an der Einreichung einer anderen Person geprüft, „Eigene Änderung "
    "freigeben“ an einer eigenen.",
    "Wissensmanagement handelt nur für seine Kommune: Aktualität bestätigen, "
    "Wissensübergaben und Personen (hier: eine Person des Fachbereichs A, B oder C; bei L "
    "eine Person ohne Kommune) – das Wissensmanagement aller Kommunen für alle. Bestätigen "
    "dürfen außerdem die Prüfer:innen einer Seite und ihre Verantwortlichen.",
)


def permission_rows() -> list[tuple[str, list[str]]]:
    """(role label, one cell per action) with the allowed scopes as letters, "–" for none."""
    return [
        (
            label,
            [
                " ".join(SCOPE_SHORT[s] for s in SCOPES if s in PERMISSION_MATRIX[role][action])
                or "–"
                for action in ACTIONS
            ],
        )
        for role, label in ROLES.items()
    ]


def render_permission_table() -> str:
    """The permission table in Markdown with its numbered notes, as in the README."""
    lines = [
        "| Rolle | " + " | ".join(ACTIONS.values()) + " |",
        "|---|" + "---|" * len(ACTIONS),
    ]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in permission_rows()]
    lines.append("")
    lines += [f"{number}. {note}" for number, note in enumerate(MATRIX_NOTES, 1)]
    return "\n".join(lines)

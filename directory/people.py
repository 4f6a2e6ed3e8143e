"""The person record (owner, deputy, expert finder) of a directory account.

A person is linked to the account that signs in through the directory: the person already
linked to the account (the account is the directory entry, found by its lasting id), else the
one unlinked person with the entry's e-mail address. No person is created here – people are
kept by knowledge management; where the mapping says so, their name, e-mail and phone follow
the directory.
"""

from __future__ import annotations

from prozesse.models import Person


def link_person(user, *, email: str, dry_run: bool = False) -> tuple[Person | None, list[str]]:
    """The person of ``user``, linking it by e-mail where needed; the changes, in German."""
    person = Person.objects.filter(user=user).first() if user.pk else None
    if person is not None or not email:
        return person, []
    candidates = list(Person.objects.filter(user__isnull=True, email__iexact=email)[:2])
    if len(candidates) != 1:
        return None, []
    person = candidates[0]
    if not dry_run:
        person.user = user
        person.save(update_fields=["user"])
    return person, [f"{user.username}: mit Person „{person.name}“ verknüpft (E-Mail)"]


def take_contact_data(
    person: Person, *, name: str, email: str, phone: str, dry_run: bool = False
) -> list[str]:
    """Copy name, e-mail and phone from the directory where it has them."""
    changed = []
    for field, value, label in (
        ("name", name, "Name"),
        ("email", email, "E-Mail"),
        ("phone", phone, "Telefon"),
    ):
        if value and getattr(person, field) != value:
            setattr(person, field, value)
            changed.append((field, label))
    if changed and not dry_run:
        person.save(update_fields=[field for field, _ in changed])
    return [
        f"Person „{person.name}“: {label} aus dem Verzeichnis übernommen" for _, label in changed
    ]

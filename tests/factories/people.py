"""factory_boy factories for the register's snippets about who and what does the work:
people (contacts, owners, deputies) and IT systems."""

from __future__ import annotations

import factory

from prozesse import models


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Petra Beispiel-{n}")
    role = "Sachbearbeitung"
    email = factory.Sequence(lambda n: f"person{n}@vg-beispiel.de")
    phone = "06432 501-100"

    class Meta:
        model = models.Person


class ITSystemFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Fachverfahren {n}")
    vendor = "Beispiel GmbH"

    class Meta:
        model = models.ITSystem

"""factory_boy factories for the knowledge models: handovers with their items and interview
entries, adoptions, feedback and the reminder log.

They create rows directly; tests of the lifecycle itself go through ``knowledge.handover``,
``knowledge.adoption`` and ``knowledge.feedback`` as production does.
"""

from __future__ import annotations

import factory
from django.utils import timezone

from knowledge import models
from tests.factories.pages import ProcessPageFactory
from tests.factories.people import PersonFactory


class HandoverFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    reason = models.HandoverReason.RETIREMENT
    last_working_day = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = models.Handover


class HandoverItemFactory(factory.django.DjangoModelFactory):
    handover = factory.SubFactory(HandoverFactory)
    kind = models.ItemKind.OWNER
    page = factory.SubFactory(ProcessPageFactory)

    class Meta:
        model = models.HandoverItem


class InterviewEntryFactory(factory.django.DjangoModelFactory):
    handover = factory.SubFactory(HandoverFactory)
    topic = models.InterviewTopic.OPEN_TOPICS
    text = "Wo liegen die Vorlagen? Im Fachverfahren unter „Vorlagen“."

    class Meta:
        model = models.InterviewEntry


class AdoptionFactory(factory.django.DjangoModelFactory):
    copy = factory.SubFactory(ProcessPageFactory)
    origin = factory.SubFactory(ProcessPageFactory)

    class Meta:
        model = models.Adoption


class FeedbackFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ProcessPageFactory)
    text = factory.Sequence(lambda n: f"Rückmeldung {n}: gute Erfahrungen damit gemacht.")

    class Meta:
        model = models.Feedback


class ReminderLogFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"empfang{n}@vg-beispiel.de")
    sent_on = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = models.ReminderLog

"""factory_boy factories, one module per domain: ``accounts`` (users), ``organisation``
(municipalities, departments, the committee section), ``people`` (persons, IT systems),
``pages`` (processes, scenarios, decisions, articles) and ``knowledge`` (handovers, adoptions,
feedback, reminder log). The public factories are re-exported here, so
``from tests.factories import X`` works for all of them.
"""

from tests.factories.accounts import UserFactory
from tests.factories.knowledge import (
    AdoptionFactory,
    FeedbackFactory,
    HandoverFactory,
    HandoverItemFactory,
    InterviewEntryFactory,
    ReminderLogFactory,
)
from tests.factories.organisation import (
    CommitteeSectionPageFactory,
    DepartmentPageFactory,
    MunicipalityPageFactory,
    home_page,
)
from tests.factories.pages import (
    ArticlePageFactory,
    DecisionPageFactory,
    EmergencyScenarioPageFactory,
    ProcessPageFactory,
)
from tests.factories.people import ITSystemFactory, PersonFactory

__all__ = [
    "AdoptionFactory",
    "ArticlePageFactory",
    "CommitteeSectionPageFactory",
    "DecisionPageFactory",
    "DepartmentPageFactory",
    "EmergencyScenarioPageFactory",
    "FeedbackFactory",
    "HandoverFactory",
    "HandoverItemFactory",
    "ITSystemFactory",
    "InterviewEntryFactory",
    "MunicipalityPageFactory",
    "PersonFactory",
    "ProcessPageFactory",
    "ReminderLogFactory",
    "UserFactory",
    "home_page",
]

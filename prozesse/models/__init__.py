from .approval import FourEyesApprovalTask, IntermunicipalApprovalTask
from .article import ArticleKind, ArticlePage
from .base import RegisterEntryPage, RegisterEntryTag
from .committee import CommitteeSectionPage
from .decision import DecisionAffectedPage, DecisionPage, DecisionStatus, ImplementationState
from .decision_tracking import (
    DecisionReference,
    DecisionStatusChange,
    DecisionTask,
    DecisionTaskReminder,
    Light,
    TaskStatus,
)
from .emergency import EmergencyScenarioPage, ScenarioCategory, ScenarioProcess, ScenarioStatus
from .inbox import ImportInboxPage
from .laws import Law, LawParagraph, ParagraphKind
from .organisation import (
    DepartmentPage,
    FederalState,
    MunicipalityKind,
    MunicipalityPage,
)
from .people import ITSystem, Person
from .process import (
    Criticality,
    Maturity,
    ProcessCategory,
    ProcessDeputy,
    ProcessPage,
    ProcessStatus,
    RelatedProcess,
)
from .register import RegisterPage
from .roles import MunicipalityStaffGroup

__all__ = [
    "ArticleKind",
    "ArticlePage",
    "CommitteeSectionPage",
    "Criticality",
    "DecisionAffectedPage",
    "DecisionPage",
    "DecisionReference",
    "DecisionStatus",
    "DecisionStatusChange",
    "DecisionTask",
    "DecisionTaskReminder",
    "DepartmentPage",
    "EmergencyScenarioPage",
    "FederalState",
    "FourEyesApprovalTask",
    "ITSystem",
    "ImplementationState",
    "ImportInboxPage",
    "IntermunicipalApprovalTask",
    "Law",
    "LawParagraph",
    "Light",
    "Maturity",
    "MunicipalityKind",
    "MunicipalityPage",
    "MunicipalityStaffGroup",
    "ParagraphKind",
    "Person",
    "ProcessCategory",
    "ProcessDeputy",
    "ProcessPage",
    "ProcessStatus",
    "RegisterEntryPage",
    "RegisterEntryTag",
    "RegisterPage",
    "RelatedProcess",
    "ScenarioCategory",
    "ScenarioProcess",
    "ScenarioStatus",
    "TaskStatus",
]

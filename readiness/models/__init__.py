"""Models of emergency readiness: exercises with findings, released handbooks."""

from .exercises import (
    EXERCISE_CYCLE_MONTHS,
    Exercise,
    ExerciseKind,
    ExerciseOutcome,
    ExerciseReminder,
    ExerciseStatus,
    Finding,
    FindingStatus,
)
from .handbooks import HandbookRelease, ReleaseStatus

__all__ = [
    "EXERCISE_CYCLE_MONTHS",
    "Exercise",
    "ExerciseKind",
    "ExerciseOutcome",
    "ExerciseReminder",
    "ExerciseStatus",
    "Finding",
    "FindingStatus",
    "HandbookRelease",
    "ReleaseStatus",
]

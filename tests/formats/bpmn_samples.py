"""Helpers shared by the BPMN tests: minimal documents, the repository's sample files and the
BPMN MIWG suite in ``../shared/data/bpmn-miwg`` (next to the repository root; not copied into
the repo, so the tests that need it are skipped if that folder is missing)."""

import time

from prozesse.formats.bpmn import BpmnModel, FlowNode, parse_bpmn
from tests.fixtures import BPMN_FIXTURES
from tests.shared_data import SHARED_DATA, needs

MIWG = SHARED_DATA / "bpmn-miwg"
needs_miwg = needs(MIWG)

NS = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def bpmn(body: str, *, declaration: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    """A minimal BPMN document (default namespace) around ``body``."""
    return f'{declaration}\n<definitions {NS} id="d">{body}</definitions>'.encode()


def miwg(relative: str) -> BpmnModel:
    return parse_bpmn((MIWG / relative).read_bytes())


def fixture(name: str) -> BpmnModel:
    return parse_bpmn((BPMN_FIXTURES / name).read_bytes())


def names(nodes: tuple[FlowNode, ...]) -> list[str]:
    return [node.name for node in nodes]


def assert_quick(started: float, limit: float = 2.0) -> None:
    assert time.perf_counter() - started < limit

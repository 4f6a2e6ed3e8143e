"""Business continuity (Notfallvorsorge nach BSI-Standard 200-4) on top of the process register.

The register already knows each process's owner, deputies, IT systems (Fachverfahren) and the
emergency scenarios that hit it. This app adds what a town's Notfallbeauftragte(r) needs to
plan for an outage:

- a business impact analysis (Folgenabschätzung, BIA) per process: impact ratings per category
  and outage window, from which the maximum tolerable downtime (MTPD) and the criticality
  class follow; the recovery time objective (RTO) is checked against the MTPD
  (``continuity.impact``; stored as ``ImpactAnalysis``, a part of the process page, so it goes
  through the department's approval like any page change);
- dependencies of a process on IT systems, other processes, people, locations and external
  providers (``ProcessDependency``, ``Location``, ``Provider``), with a pure computation of the
  effective recovery time up the chain and the findings (``continuity.rollup``);
- what an emergency scenario knocks out (``ScenarioOutage``) and the processes that follow from
  it through the dependencies (``continuity.scenarios``);
- the BIA overview per town for the admin, with chart and CSV (``continuity.views``).
"""

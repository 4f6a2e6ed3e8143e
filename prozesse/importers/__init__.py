"""The Django side of the imports and exports: external formats mapped onto pages and models.

The formats themselves are read and written by the pure package :mod:`prozesse.formats` (no
Django). Here live ``django_bpmn``, ``django_xprozess``, ``django_xprozess_export``,
``django_oparl`` and ``django_laws``, with ``django_common`` and ``django_pages`` shared; the
management commands ``import_*``/``export_*`` are thin wrappers around them.
"""

"""Pure-Python readers for external sources (no Django imports).

* :mod:`prozesse.importers.xprozess` - FIM XProzess 2.0 messages (process classes, processes,
  embedded BPMN/PDF files),
* :mod:`prozesse.importers.oparl` - OParl 1.1 papers (council documents), streamed,
* :mod:`prozesse.importers.laws` - catalogue of German laws from Markdown, citation parser.

The Django side lives in the ``django_*`` modules of this package (``django_bpmn``,
``django_xprozess``, ``django_oparl``, ``django_laws``, with ``django_common`` and
``django_pages`` shared); the management commands ``import_*`` are thin wrappers around them.
"""

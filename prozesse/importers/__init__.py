"""Pure-Python readers for external sources (no Django imports).

* :mod:`prozesse.importers.xprozess` - FIM XProzess 2.0 messages (process classes, processes,
  embedded BPMN/PDF files),
* :mod:`prozesse.importers.oparl` - OParl 1.1 papers (council documents), streamed,
* :mod:`prozesse.importers.laws` - catalogue of German laws from Markdown, citation parser.

The management commands that map their dataclasses onto Wagtail pages live elsewhere.
"""

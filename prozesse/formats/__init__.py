"""Pure readers and writers of the external formats the register exchanges (no Django).

* :mod:`.bpmn` - BPMN 2.0 uploads: safe parsing, the model, its text outline and SVG,
* :mod:`.xprozess` - FIM XProzess 2.0 messages (read and write, embedded BPMN/PDF files),
* :mod:`.oparl` - OParl 1.1 papers (council documents), streamed,
* :mod:`.laws` - catalogue of German laws from Markdown, and the citation parser,
* :mod:`.xml` and :mod:`.values` - the safe XML stream and small value parsers they share.

Nothing in this package imports Django (``tests/formats/test_purity.py`` checks it): the
mapping onto pages and models lives in :mod:`prozesse.importers` (``django_*`` modules).
"""

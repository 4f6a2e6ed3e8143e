"""Where released handbooks are kept: a folder of their own outside MEDIA_ROOT, so the media
view (``intranet.media``) never serves them; only ``readiness.views`` does, after asking
``readiness.audience.may_read_release``."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def release_storage() -> FileSystemStorage:
    """The storage of released handbook PDFs (setting ``READINESS_FILES_ROOT``)."""
    return FileSystemStorage(location=settings.READINESS_FILES_ROOT, base_url=None)

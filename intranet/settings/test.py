"""The test suite: real PostgreSQL and a real search-engine node from scripts/services.

The index prefix is separate from development data so tests never touch it. When pytest-xdist
splits the suite across processes (scripts/test), each worker gets its own index prefix and media
folder, as pytest-django gives it its own database; the environment variable is updated too, so
commands the tests start as subprocesses use the same indexes.
"""

import os

_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_PREFIX = os.environ.get("ELASTICSEARCH_INDEX", "test_prozessregister_")
if _WORKER and not _PREFIX.endswith(f"{_WORKER}_"):
    _PREFIX = f"{_PREFIX}{_WORKER}_"
os.environ["ELASTICSEARCH_INDEX"] = _PREFIX

from .base import *  # noqa: E402, F403
from .env import env_str  # noqa: E402

# The demo content and `manage.py seed_demo` (demo/); production does not install it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
SECRET_KEY = env_str("SECRET_KEY", "test-only-not-secret-5d1c")
DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "test-media" / (_WORKER or "main")  # noqa: F405
# Client.login() authenticates without a request, which django-axes refuses (tests/axes_backend.py).
AUTHENTICATION_BACKENDS = [
    "tests.axes_backend.RequestOptionalAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
READINESS_FILES_ROOT = DATA_DIR / "test-notfallvorsorge"  # noqa: F405

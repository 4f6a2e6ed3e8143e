"""The test suite: real PostgreSQL and a real search-engine node from scripts/services.

The index prefix is separate from development data so tests never touch it.
"""

import os

os.environ.setdefault("ELASTICSEARCH_INDEX", "test_prozessregister_")

from .base import *  # noqa: F403
from .env import env_str

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
MEDIA_ROOT = DATA_DIR / "test-media"  # noqa: F405
# Client.login() authenticates without a request, which django-axes refuses (tests/axes_backend.py).
AUTHENTICATION_BACKENDS = [
    "tests.axes_backend.RequestOptionalAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
READINESS_FILES_ROOT = DATA_DIR / "test-notfallvorsorge"  # noqa: F405

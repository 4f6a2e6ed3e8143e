"""Settings for benchmark runs: production-like (DEBUG off, cached templates, no debug toolbar
or query logging), but self-contained (no collectstatic, mails stay in memory).

``scripts/bench`` selects this module; DATABASE_URL, ELASTICSEARCH_URL and ELASTICSEARCH_INDEX
come from the environment as everywhere else.
"""

from intranet.settings.base import *  # noqa: F403
from intranet.settings.env import env_str

# The benchmark times `manage.py seed_demo` (demo/), which production does not install.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
SECRET_KEY = env_str("SECRET_KEY", "bench-only-not-secret-7c2f")
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "bench-media"  # noqa: F405
# Keep the console quiet: a benchmark prints its own progress.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

# Per-request CPU and wall time as a Server-Timing header, read by the load test (bench/load).
MIDDLEWARE = ["bench.load.timing.ServerTimingMiddleware", *MIDDLEWARE]  # noqa: F405

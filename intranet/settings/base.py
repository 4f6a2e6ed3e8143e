"""Settings shared by every environment. Values that differ per installation come from the
environment (see README, "Konfiguration"); dev/test/production only adjust what they must."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from search.engine import search_backends_setting

from .directory import ldap_backends, ldap_from_env, oidc_from_env, provider_origins
from .env import env_bool, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
DATA_DIR = BASE_DIR / ".data"

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "home",
    "prozesse",
    "knowledge",
    "accessibility",
    "continuity",
    "readiness",
    "search",
    "api",
    "directory",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # django-ninja (the read API): its Swagger UI then comes from its bundled static files, not
    # a CDN the Content-Security-Policy would block.
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Only for its German catalogue: Wagtail's relative times ("vor 19 Sekunden") use
    # django.contrib.humanize, whose translations load only with the app installed.
    "django.contrib.humanize",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "intranet.input_guards.RejectNulBytesMiddleware",
    "csp.middleware.CSPMiddleware",
    "intranet.content_security.AdminScriptAllowanceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "intranet.sessions.RenewIdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "intranet.middleware.IntranetLoginRequiredMiddleware",
    "intranet.middleware.SuperuserOnlyAdminViews",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "prozesse.four_eyes.FourEyesMiddleware",
    # Last, as django-axes asks: turns a lockout into the German lockout page.
    "axes.middleware.AxesMiddleware",
]

#: Admin views that summarise the whole tree regardless of view restrictions (administrators only).
SUPERUSER_ONLY_ADMIN_VIEWS = frozenset(
    {
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
    }
)

ROOT_URLCONF = "intranet.urls"
WSGI_APPLICATION = "intranet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intranet.context_processors.navigation",
                "directory.context_processors.sign_in",
            ],
        },
    },
]

# Database: DATABASE_URL (PostgreSQL in production and tests), else an embedded SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent saves wait for each other instead of failing with "database is locked":
    # transactions take the write lock when they begin (a read lock cannot be upgraded while
    # another writer waits), a busy writer is waited for up to 20 s, and readers do not block
    # the writer (write-ahead log).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USES_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if USES_POSTGRESQL and env_bool("DATABASE_PREPARED_STATEMENTS", default=True):
    # A page's queries join Wagtail's page table through several inheritance levels; planning
    # them costs PostgreSQL more than running them (22 ms against 2 ms for the register table
    # at 100k pages). Parameters bound on the server let psycopg prepare a statement once it
    # has run a few times on a connection, and PostgreSQL then reuses its plan (measured:
    # about half of PostgreSQL's CPU per page). Off (``false``) behind a pooler in transaction
    # mode that cannot keep prepared statements.
    # The cursor binds a statement with more parameters than the protocol carries on the
    # client instead (intranet/database.py).
    from intranet.database import ServerBindingCursor

    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": 5,
        "cursor_factory": ServerBindingCursor,
    }

# Django's validators (the common-password list holds 20,000 leaked passwords) plus the German
# seasonal and municipal guesses (intranet/passwords.py). BSI recommends length over complexity.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(env_str("PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "intranet.passwords.GermanGuessablePasswordValidator"},
]

# Login throttling (django-axes, README "Sicherheit"): after LOGIN_FAILURE_LIMIT wrong passwords
# for one user name from one address, that pair is locked out for LOGIN_LOCKOUT_MINUTES. The
# frontend login (/anmelden/) and Wagtail's admin login both authenticate through this backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in through the towns' directories (intranet/settings/directory.py, README "Anmelden über
# das Verzeichnis"). With LOCAL_LOGIN=false the intranet's own passwords are refused; the
# model backend then only answers for permissions.
DIRECTORY_LDAP = ldap_from_env()
DIRECTORY_OIDC = oidc_from_env()
LOCAL_LOGIN = env_bool("LOCAL_LOGIN", default=True)
if not LOCAL_LOGIN:
    AUTHENTICATION_BACKENDS[1] = "directory.backends.PermissionsOnlyBackend"
AUTHENTICATION_BACKENDS += ldap_backends(DIRECTORY_LDAP)
if DIRECTORY_OIDC:
    AUTHENTICATION_BACKENDS.append("directory.oidc.ProviderBackend")
AXES_FAILURE_LIMIT = int(env_str("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("LOGIN_LOCKOUT_MINUTES", "20")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Only failed attempts are stored (data minimisation): no log of every successful login.
AXES_DISABLE_ACCESS_LOG = True
# The address is REMOTE_ADDR: behind the town hall's reverse proxy every login shares the proxy's
# address, so the lockout then acts per user name (still what stops guessing one account).

# Sessions end after SESSION_IDLE_MINUTES without a request (default: a working day), not after
# Django's two weeks: requests renew the expiry, written at most once a minute per session
# (intranet/sessions.py) instead of on every request.
SESSION_COOKIE_AGE = int(env_str("SESSION_IDLE_MINUTES", "540")) * 60
SESSION_ENGINE = "intranet.sessions"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# The intranet is closed: every view needs a login except the login pages themselves.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
WAGTAIL_FRONTEND_LOGIN_URL = "/anmelden/"

# German first, English available.
LANGUAGE_CODE = "de"
# Each language is offered in its own name, whatever the active language.
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static_src"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
#: Released emergency handbooks (readiness): outside MEDIA_ROOT, served only by their view.
READINESS_FILES_ROOT = Path(env_str("READINESS_FILES_ROOT", str(DATA_DIR / "notfallvorsorge")))
# Content-Security-Policy (django-csp) on every response: scripts and styles only from this
# origin, no inline scripts, no plugins, no framing by other sites. Wagtail's admin still
# renders a few inline scripts (date choosers, inline panels): intranet/content_security.py
# allows them under /admin/ only. Inline styles stay allowed (Wagtail's admin and the server-
# rendered BPMN diagrams set style attributes); they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        # Logout after an OpenID Connect sign-in continues at the provider (directory.views).
        "form-action": ["'self'", *provider_origins(DIRECTORY_OIDC)],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Browsers never guess a type other than the one we send (intranet/media.py adds more for uploads).
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Prozessregister"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip", "bpmn"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: it would learn who uses the intranet (e-mail hashes), and the
# Content-Security-Policy loads images only from this origin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
# Moderation mails (submitted, changes requested, approved) go to the reviewers of the step and
# to the editor; administrators are not reviewers and get none (README, "Rollen, Rechte und
# Freigabe").
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# The last approval of a workflow publishes: approvers need no "publish" page permission.
WAGTAIL_FINISH_WORKFLOW_ACTION = "prozesse.roles.finish.publish_approved"

# Search: ELASTICSEARCH_URL names the search engine (Elasticsearch 8/9 or OpenSearch 2/3); the
# backend is chosen from what the node reports at its first use (never at start-up: the intranet
# starts while the engine is down) unless SEARCH_BACKEND names one. Searches use a short timeout
# and a circuit breaker, index management a long one with retries (README, "When the search
# engine is down"). Without a URL, Wagtail's database backend is used (`scripts/run --embedded`).
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "prozessregister_")
WAGTAILSEARCH_BACKENDS = search_backends_setting(
    url=ELASTICSEARCH_URL,
    index_prefix=ELASTICSEARCH_INDEX,
    backend=env_str("SEARCH_BACKEND"),
    # 0 suits a single node (development, tests); a production cluster sets 1 or more.
    replicas=int(env_str("ELASTICSEARCH_REPLICAS", "0")),
    database_search_config="german" if USES_POSTGRESQL else None,
    timeout=float(env_str("ELASTICSEARCH_TIMEOUT", "5")),
    index_timeout=float(env_str("ELASTICSEARCH_INDEX_TIMEOUT", "120")),
    index_retries=int(env_str("ELASTICSEARCH_INDEX_RETRIES", "3")),
    breaker_seconds=float(env_str("SEARCH_CIRCUIT_BREAKER_SECONDS", "30")),
)
# Index updates run immediately inside the save (django-tasks' immediate backend): what is
# published is findable at once. When the engine is down the write fails, Wagtail logs it and
# our backend records it in the search backlog; `manage.py reconcile_search_index` repairs the
# index from there (README, "Suche und Such-API"). A queue with retries would not help: the
# index task swallows the engine's error and reports success.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "prozessregister@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "modelsearch.index": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "prozesse": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "search": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

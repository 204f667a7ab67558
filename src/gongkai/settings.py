"""One settings module, configured by environment variables that fail loudly on bad values."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", Path.cwd() / "var")).resolve()


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true/false (1/0, yes/no, on/off), got {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "")
    return [part.strip() for part in raw.split(",") if part.strip()] if raw else default


def development_secret_key(filename: str = "secret_key") -> str:
    """A key generated once into var/ so that sessions (and the audit chain) survive restarts on a laptop."""
    path = VAR_DIR / filename
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = envbool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    SECRET_KEY = development_secret_key()

# Keys the audit chain (HMAC): kept outside the database, so whoever can write the tables cannot re-chain them.
# Losing it makes the existing chain unverifiable: keep it with the other secrets, never in a backup archive.
GONGKAI_AUDIT_KEY = os.environ.get("GONGKAI_AUDIT_KEY", "")
if not GONGKAI_AUDIT_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("GONGKAI_AUDIT_KEY is required when DEBUG is off")
    GONGKAI_AUDIT_KEY = development_secret_key("audit_key")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "gongkai.core.error_views.csrf_failure"


def database_config() -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "gongkai.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    if not url.startswith(("sqlite:", "postgres:", "postgresql:")):
        raise ImproperlyConfigured(f"DATABASE_URL must be a sqlite:// or postgres:// URL, got {url!r}")
    try:
        return dj_database_url.parse(url, conn_max_age=60)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not valid: {exc}") from None


DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for the project FormRenderer (TemplatesSetting)
    "django_htmx",
    "gongkai.core.axes_app.AxesConfig",  # django-axes under a Chinese name in the admin
    "csp",

    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "gongkai.core",
    "gongkai.accounts",
    "gongkai.agencies",
    "gongkai.workdays",
    "gongkai.catalog",
    "gongkai.disclosure_requests",
    "gongkai.appeals",
    "gongkai.reports",
    "gongkai.portal",
    "gongkai.api",
]
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    INSTALLED_APPS.append("django.contrib.postgres")

MIDDLEWARE = [
    "gongkai.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.csp.CSPMiddleware",
    "gongkai.core.middleware.PermissionsPolicyMiddleware",
    "gongkai.core.middleware.InputGuardMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gongkai.core.middleware.DomainErrorMiddleware",
    "gongkai.core.middleware.DatabaseOutageMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the Chinese lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.site",
                # Last: while a public page is rendered for the page cache, the CSRF token is a placeholder.
                "gongkai.core.pagecache.context",
            ],
        },
    },
]

# One form layout everywhere: templates/django/forms/ override Django's (core/forms.py).
FORM_RENDERER = "gongkai.core.forms.FormRenderer"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Django's four validators in Chinese (the length one re-worded: core/passwords.py). 12 characters: ASVS 2.1.1.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes counts failed logins (staff /login/ and /admin/login/ alike) in the database, which every
# worker on every host shares: an account or an address is locked for AXES_COOLOFF_TIME after the limit.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = envint("GONGKAI_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=envint("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gongkai.core.login_security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "gongkai.core.login_security.client_ip"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Chinese for the admin strings Django's zh_Hans catalogue and django-axes lack (locale/zh_Hans/).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise serves the vendored assets in production too: a township server needs no separate web server setup.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "private": {"BACKEND": "gongkai.core.storage.PrivateStorage"},
}


def s3_private_storage() -> dict | None:
    """Several hosts share one S3-compatible bucket (MinIO, Ceph, a cloud's object storage) for private files."""
    bucket = os.environ.get("GONGKAI_S3_BUCKET", "")
    if not bucket:
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("GONGKAI_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("GONGKAI_S3_REGION") or None,
            "access_key": os.environ.get("GONGKAI_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("GONGKAI_S3_SECRET_KEY") or None,
            "location": os.environ.get("GONGKAI_S3_PREFIX", "private"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


STORAGES["private"] = s3_private_storage() or STORAGES["private"]
WHITENOISE_USE_FINDERS = DEBUG
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # run `gongkai collectstatic` to fill it for production
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT", VAR_DIR / "media"))
# Applicants' uploads: never under a public URL, served only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("GONGKAI_PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Form fields (everything but files) are capped while the body is read: 2.5 MB is far above any real form
# (a request's description is at most 5000 characters) and refuses a huge text with a 400 before it is parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("GONGKAI_DATA_UPLOAD_MAX_BYTES", 2_621_440)
GONGKAI_MAX_ATTACHMENT_BYTES = envint("GONGKAI_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024)
# Files are counted while they stream in (core.uploads): no file anywhere passes this ceiling, and a view may
# set a lower limit of its own (the public request form: 10 MB). Above every app's own size check, so those
# checks still give their own messages.
GONGKAI_UPLOAD_MAX_FILE_BYTES = envint("GONGKAI_UPLOAD_MAX_FILE_BYTES", 50 * 1024 * 1024)
# An uploaded ledger is imported by a thread of the worker that took it (disclosure_requests/importjobs.py);
# with false, only `gongkai runjobs` (cron / timer) runs the queued imports.
GONGKAI_IMPORT_IN_THREAD = envbool("GONGKAI_IMPORT_IN_THREAD", True)
FILE_UPLOAD_HANDLERS = [
    "gongkai.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE are written here while the request runs; a worker killed mid-request
# leaves its file behind, and `gongkai runperiodic` removes those older than the hours below.
FILE_UPLOAD_TEMP_DIR = os.environ.get("GONGKAI_UPLOAD_TEMP_DIR", str(VAR_DIR / "upload-tmp"))
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
GONGKAI_UPLOAD_TEMP_MAX_AGE_HOURS = envint("GONGKAI_UPLOAD_TEMP_MAX_AGE_HOURS", 6)


def cache_config_for(url: str, variable: str = "GONGKAI_CACHE_URL") -> dict:
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"{variable} must be a redis://, rediss:// or unix:// URL, got {url!r}")
    return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "gongkai",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient",
                        "SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2}}


def cache_config() -> dict:
    """Redis (django-redis) when GONGKAI_CACHE_URL is set: one cache for every worker on every host. Otherwise
    a file cache, shared by the workers of one machine; its MAX_ENTRIES is high so that flooding it with keys
    cannot cull the query-lookup counters (Django's default of 300 would)."""
    url = os.environ.get("GONGKAI_CACHE_URL", "")
    if url:
        return cache_config_for(url)
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("GONGKAI_CACHE_DIR", str(VAR_DIR / "cache")),
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }


def page_cache_config(default: dict) -> dict:
    """Public pages (core/pagecache.py): in Redis beside the rest (GONGKAI_PAGE_CACHE_URL may name another
    instance), else a file cache of their own, so a flood of page keys culls pages, never the lookup counters."""
    url = os.environ.get("GONGKAI_PAGE_CACHE_URL", "")
    if url:
        return {**cache_config_for(url, "GONGKAI_PAGE_CACHE_URL"), "KEY_PREFIX": "gongkai-pages"}
    if default["BACKEND"].startswith("django_redis"):
        return {**default, "KEY_PREFIX": "gongkai-pages"}
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(Path(default["LOCATION"]) / "pages"),
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }


CACHES = {"default": cache_config()}
CACHES["pages"] = page_cache_config(CACHES["default"])
# Serve public pages from the page cache (anonymous visitors only); off only to compare or to debug.
GONGKAI_PAGE_CACHE = envbool("GONGKAI_PAGE_CACHE", True)
# The cache alias holding the status lookup's failure counters (disclosure_requests.lookup_throttle).
GONGKAI_THROTTLE_CACHE = os.environ.get("GONGKAI_THROTTLE_CACHE", "default")
# Behind a reverse proxy, name the header that carries the client address (e.g. HTTP_X_REAL_IP).
GONGKAI_CLIENT_IP_HEADER = os.environ.get("GONGKAI_CLIENT_IP_HEADER", "REMOTE_ADDR")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")
# The site's public address (https://…), for the link in the e-mail that tells an applicant a letter was issued.
GONGKAI_PUBLIC_URL = os.environ.get("GONGKAI_PUBLIC_URL", "")
if GONGKAI_PUBLIC_URL and not GONGKAI_PUBLIC_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"GONGKAI_PUBLIC_URL must start with https:// or http://, got {GONGKAI_PUBLIC_URL!r}")

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", True)
# HTTPS in production (README, 配置): off by default so a plain-HTTP intranet install still works.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
if os.environ.get("GONGKAI_PROXY_SSL_HEADER"):  # behind a TLS-terminating proxy, e.g. HTTP_X_FORWARDED_PROTO
    SECURE_PROXY_SSL_HEADER = (os.environ["GONGKAI_PROXY_SSL_HEADER"], "https")

# Content Security Policy: scripts and styles only from our own static files or carrying the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features no page of the platform uses.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# The open API (/api/v1/): token authentication, throttles counted in the default cache (Redis with several
# hosts), Chinese error messages, an OpenAPI 3 schema with a reference page served from the sidecar package.
GONGKAI_API_ANON_RATE = os.environ.get("GONGKAI_API_ANON_RATE", "120/min")
GONGKAI_API_CHECK_RATE = os.environ.get("GONGKAI_API_CHECK_RATE", "10/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["gongkai.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["gongkai.api.throttles.TokenRateThrottle", "gongkai.api.throttles.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": GONGKAI_API_ANON_RATE, "check": GONGKAI_API_CHECK_RATE},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser", "rest_framework.parsers.MultiPartParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "gongkai.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "政府信息公开平台开放接口",
    "DESCRIPTION": "转办申请的受理与查询、主动公开信息的开放数据、年度报告数据和年度报告检查。"
                   "说明与 curl 示例见 docs/api.md。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "OAS_VERSION": "3.1.0",
    "TAGS": [
        {"name": "依申请公开（转办）",
         "description": "网络平台、12345热线转来的申请：受理、查询办理状态、网上补正、下载文书"},
        {"name": "主动公开（开放数据）", "description": "已发布的主动公开信息，不需要令牌，可增量采集"},
        {"name": "年度报告数据", "description": "已发布的年度报告、上级监督汇总、年度报告检查"},
    ],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "gongkai.api.schema.add_annual_report_schema"],
}

# Count the time between a fee notice and its payment as a pause of the reply clock (domain.md A §3).
GONGKAI_FEE_PAUSES_CLOCK = envbool("GONGKAI_FEE_PAUSES_CLOCK", True)
GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "政府信息公开平台")

# One JSON line per request (gongkai.request) and per state change (gongkai.audit) on standard error, for a log
# shipper; plain text on a developer's machine. GONGKAI_LOG_FORMAT=json|text overrides.
LOG_FORMAT = os.environ.get("GONGKAI_LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"GONGKAI_LOG_FORMAT must be json or text, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "gongkai.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "gongkai.request": {"level": os.environ.get("GONGKAI_REQUEST_LOG_LEVEL", "WARNING" if DEBUG else "INFO")},
        "gongkai.audit": {"level": os.environ.get("GONGKAI_AUDIT_LOG_LEVEL", "WARNING" if DEBUG else "INFO")},
    },
}

"""Settings for every environment, read from environment variables (see docs/configuration.md).

`config.settings.production` adds the checks that make an unsafe production start impossible.
"""

import hashlib
import importlib.util
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Known only so that production can refuse it; local development and tests may use it.
DEFAULT_SECRET_KEY = "onveilig-alleen-voor-lokale-ontwikkeling"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

# Without DATABASE_URL we use the project-local cluster that `make run` starts (scripts/pg.sh):
# unix socket only, so two checkouts never fight over a TCP port.
# The socket directory follows scripts/pg.sh: as root the cluster belongs to the postgres user and
# lives in /var/tmp (one folder per checkout), otherwise in ./var/pg.
_LOCAL_PG_BASE = (
    Path("/var/tmp") / f"omgevingsloket-{hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:12]}"  # noqa: S108, S324 (a per-checkout name, not a temp file)
    if os.geteuid() == 0
    else BASE_DIR / "var" / "pg"
)
LOCAL_PG_SOCKET_DIR = os.environ.get("LOKET_PG_SOCKET_DIR", str(_LOCAL_PG_BASE / "run"))
LOCAL_PG_PORT = os.environ.get("LOKET_PG_PORT", "54329")
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "NAME": "loket",
            "USER": "postgres",
            "HOST": LOCAL_PG_SOCKET_DIR,
            "PORT": LOCAL_PG_PORT,
            "CONN_MAX_AGE": 60,
        }
    }
# A streaming replica for read-only traffic (kern.replica, decision 0015): DATABASE_REPLICA_URL, or
# LOKET_PG_REPLICA=1 for the local one `make replica` starts next to the project-local cluster.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
LOCAL_PG_REPLICA_PORT = os.environ.get("LOKET_PG_REPLICA_PORT", str(int(LOCAL_PG_PORT) + 1))
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
elif env_bool("LOKET_PG_REPLICA", False) and not DATABASE_URL:
    DATABASES["replica"] = {
        **DATABASES["default"],
        "HOST": str(_LOCAL_PG_BASE / "replica" / "run"),
        "PORT": LOCAL_PG_REPLICA_PORT,
    }
for _alias in DATABASES:
    DATABASES[_alias]["ENGINE"] = "django.contrib.gis.db.backends.postgis"
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_loket")}
if "replica" in DATABASES:
    # A replica never answers much later than this, or it is skipped: connect fast, fail fast.
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["kern.replica.LeesRouter"]
# Which requests may read from the replica (GET/HEAD on these path prefixes), how far behind it may be,
# how often that is measured, and how long a browser reads from the primary after it wrote something.
REPLICA_PADEN = env_list(
    "REPLICA_PADEN", "/tiles/,/api/locatie/,/ogc/,/download/,/api/meldingen/kaart,/kaart,/locatie"
)
REPLICA_MAX_ACHTERSTAND = float(os.environ.get("REPLICA_MAX_ACHTERSTAND", "5"))
REPLICA_CONTROLE = float(os.environ.get("REPLICA_CONTROLE", "2"))
REPLICA_PLAKTIJD = int(os.environ.get("REPLICA_PLAKTIJD", "15"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    "procrastinate.contrib.django",
    "rest_framework",
    "drf_spectacular",
    "kern",
    "kern.mail",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "loket.portaal",
    "kaartlagen",
    "toepasbare_regels.omgevingsplan",
    "toepasbare_regels",
    "loket.zaken",
    "dso_koppeling",
    "loket.meldingen",
    "loket.buurtberichten",
    "loket.buurtdashboard",
]
# Development code (sample generators and loaders, the mock DSO knooppunt) lives in `dev`, which the
# wheel does not ship: installed from a checkout it adds its commands, installed from the wheel it is absent.
DEV_APPS = ["dev"] if importlib.util.find_spec("dev") and env_bool("LOKET_DEV_APPS", True) else []
INSTALLED_APPS += DEV_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app server itself, compressed and with cache headers (decision 0018).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Read-only requests read from the replica, when there is one (kern.replica).
    "kern.replica.ReplicaMiddleware",
    "kern.grenzen.ApiGrenzen",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kern.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked login into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

# Staff login (kern/inloggen.py, decision 0014): django-axes counts failed logins per account from one
# client and per client IP (the real one, kern.netwerk); a lock lifts by itself after the cool-off, so
# nobody can shut a colleague out for good, and a colleague elsewhere is never shut out at all.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTEN", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = "kern.netwerk.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kern.inloggen.geblokkeerd"
AXES_VERBOSE = False
LOGIN_URL = "meldingen:inloggen"
# A staff session lasts a working day at most, and a closed browser ends it.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "loket.portaal.context_processors.gemeente",
            ],
        },
    },
]

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Staff passwords (admin, `manage.py maak_gebiedsmanager`): Django's own checks, at least 12 characters.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
# Uploaded zaak documents and photos; never served publicly (MEDIA_URL is not routed).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Compressed at collectstatic; production adds content hashes to the names (config/settings/production.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "config.statisch.Gecomprimeerd"},
}
# Media (zaak documents, melding photos) always go through Django's storage API: on the local disk
# (MEDIA_ROOT, the default) or, for more than one machine, in an S3-compatible bucket (django-storages;
# decision 0016). Never public: staff views stream them, the bucket needs no public access.
MEDIA_OPSLAG = os.environ.get("MEDIA_OPSLAG", "schijf")
if MEDIA_OPSLAG == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("MEDIA_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT") or None,
            "region_name": os.environ.get("MEDIA_S3_REGIO") or None,
            "access_key": os.environ.get("MEDIA_S3_SLEUTEL_ID") or None,
            "secret_key": os.environ.get("MEDIA_S3_SLEUTEL") or None,
            "location": os.environ.get("MEDIA_S3_MAP", "media"),
            "default_acl": None,  # the bucket's own (private) policy
            "file_overwrite": False,  # two uploads with one name both stay
            "querystring_auth": True,
        },
    }
elif MEDIA_OPSLAG != "schijf":
    raise ValueError("MEDIA_OPSLAG is 'schijf' of 's3'")
# In development static files are found in the apps as they are edited, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Uploads (kern/uploads.py): a file goes to its temporary file only up to UPLOAD_MAX_BESTAND bytes, and a
# request that announces more than UPLOAD_MAX_VERZOEK bytes is not read at all.
FILE_UPLOAD_HANDLERS = ["kern.uploads.BegrensdeUpload"]
UPLOAD_MAX_BESTAND = int(os.environ.get("UPLOAD_MAX_BESTAND", str(10 * 1024 * 1024)))
UPLOAD_MAX_VERZOEK = int(os.environ.get("UPLOAD_MAX_VERZOEK", str(32 * 1024 * 1024)))
CSRF_FAILURE_VIEW = "kern.uploads.csrf_mislukt"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "omgevingsloket@denhelder.nl")
# How long the first answer to a POST with an Idempotency-Key is kept (kern/idempotentie.py).
IDEMPOTENTIE_UREN = int(os.environ.get("IDEMPOTENTIE_UREN", "24"))
# A job left "doing" by a dead worker is handed out again this many times, then failed (kern/tasks.py).
TAKEN_MAX_HERSTARTS = int(os.environ.get("TAKEN_MAX_HERSTARTS", "3"))
# The mail outbox (kern/mail, docs/mail.md): how much per job, how fast, how long to keep trying.
MAIL_PER_RONDE = int(os.environ.get("MAIL_PER_RONDE", "1000"))
MAIL_VERBINDINGEN = int(os.environ.get("MAIL_VERBINDINGEN", "4"))  # SMTP connections at once per round
MAIL_PER_MINUUT = int(os.environ.get("MAIL_PER_MINUUT", "0"))  # 0: as fast as the server takes them
MAIL_MAX_POGINGEN = int(os.environ.get("MAIL_MAX_POGINGEN", "10"))
MAIL_BACKOFF_BASIS = float(os.environ.get("MAIL_BACKOFF_BASIS", "60"))
MAIL_BACKOFF_MAX = float(os.environ.get("MAIL_BACKOFF_MAX", "21600"))
MAIL_BLOKKEER_NA = int(os.environ.get("MAIL_BLOKKEER_NA", "2"))
MAIL_BEWAAR_DAGEN = int(os.environ.get("MAIL_BEWAAR_DAGEN", "30"))
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "30"))

# The municipality this installation serves. The bounding box (RD New: minx,miny,maxx,maxy) is the
# first line of defence for every incoming geometry; the CBS code ties us to CBS wijken en buurten.
GEMEENTE_NAAM = os.environ.get("GEMEENTE_NAAM", "Den Helder")
# The name an authenticator app shows next to a staff member's code.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", f"Omgevingsloket {GEMEENTE_NAAM}")
GEMEENTE_CBS_CODE = os.environ.get("GEMEENTE_CBS_CODE", "GM0400")
GEMEENTE_OIN = os.environ.get("GEMEENTE_OIN", "")
# The municipality's OWMS URI: data.overheid.nl (DCAT-AP-DONL 1.1, value list donl:organization) only
# accepts publishers and authorities from that list. It does not follow from the name (the list has
# ".../owms/terms/Amsterdam" but ".../Groningen_(gemeente)"): look it up, docs/open-data.md.
GEMEENTE_OWMS = os.environ.get(
    "GEMEENTE_OWMS", "http://standaarden.overheid.nl/owms/terms/Den_Helder_(gemeente)"
)
GEMEENTE_TELEFOON = os.environ.get("GEMEENTE_TELEFOON", "14 0223")
GEMEENTE_EMAIL = os.environ.get("GEMEENTE_EMAIL", "info@denhelder.nl")
GEMEENTE_WEBSITE = os.environ.get("GEMEENTE_WEBSITE", "https://www.denhelder.nl")
# The look of the public pages: loket/portaal/static/portaal/thema/<GEMEENTE_THEMA>.css (design tokens).
GEMEENTE_THEMA = os.environ.get("GEMEENTE_THEMA", "den-helder")
GEMEENTE_BBOX_RD = tuple(
    float(v) for v in os.environ.get("GEMEENTE_BBOX_RD", "108000,540000,119000,558000").split(",")
)
if len(GEMEENTE_BBOX_RD) != 4:
    raise ValueError("GEMEENTE_BBOX_RD moet vier getallen zijn: minx,miny,maxx,maxy (RD New)")

# What one delivery may unpack to, whichever importer reads it (docs/importers.md, "Zips"). The
# defaults leave room for a large gemeente's BAG extract (a real BAG member expands ~70 times).
UITPAKKEN_MAX_BYTES = int(os.environ.get("UITPAKKEN_MAX_BYTES", str(16 << 30)))
UITPAKKEN_MAX_BESTANDEN = int(os.environ.get("UITPAKKEN_MAX_BESTANDEN", "50000"))
UITPAKKEN_MAX_DIEPTE = int(os.environ.get("UITPAKKEN_MAX_DIEPTE", "3"))
UITPAKKEN_MAX_VERHOUDING = int(os.environ.get("UITPAKKEN_MAX_VERHOUDING", "200"))
UITPAKKEN_DREMPEL = int(os.environ.get("UITPAKKEN_DREMPEL", str(1 << 20)))

# API input bounds (docs/api.md): checked by kern.grenzen before any view or parser runs.
API_PADEN = env_list("API_PADEN", "/api/,/ogc/,/dso/,/tiles/,/download/")
API_MAX_JSON_DIEPTE = int(os.environ.get("API_MAX_JSON_DIEPTE", "32"))
# Multipart bodies carry photos (3 × 10 MB for a melding); JSON and forms keep Django's 2.5 MB.
API_MAX_BODY_BESTANDEN = int(os.environ.get("API_MAX_BODY_BESTANDEN", str(32 << 20)))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "kern.api.problem_exception_handler",
    # Only the browser session (with its CSRF check): no Basic authentication, which would take
    # passwords on every request past the login's attempt limit and second factor.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"Omgevingsloket {GEMEENTE_NAAM} API",
    "DESCRIPTION": "Adressen zoeken en kaartgegevens. Fouten komen als application/problem+json met een vaste code.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # After generation: errors as problem+json, and the endpoints that are no DRF views (kern/openapi.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kaartlagen.openapi.paden",
        "dso_koppeling.openapi.paden",
        "loket.meldingen.openapi.paden",
        "loket.portaal.openapi.paden",
        "kern.openapi.problemen_als_problem_json",
    ],
}

# Behind a reverse proxy: the proxies (addresses or networks, comma-separated) whose X-Forwarded-For we
# believe (kern.netwerk.client_ip). Empty: only REMOTE_ADDR counts, and the header is ignored.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")

# Meldingen openbare ruimte (docs/meldingen.md).
PORTAAL_URL = os.environ.get("PORTAAL_URL", "http://127.0.0.1:8000")
MELDINGEN_MAX_PER_UUR = int(os.environ.get("MELDINGEN_MAX_PER_UUR", "20"))
MELDINGEN_OPENBAAR_DAGEN = int(os.environ.get("MELDINGEN_OPENBAAR_DAGEN", "90"))
MELDINGEN_CONTACT_BEWAARTERMIJN_DAGEN = int(os.environ.get("MELDINGEN_CONTACT_BEWAARTERMIJN_DAGEN", "90"))
# Per final status: days after the last status change before a melding is deleted (Signalen's defaults).
MELDINGEN_BEWAARTERMIJN_DAGEN = {"afgehandeld": 1825, "geannuleerd": 365, "doorgezet_extern": 1825}

# Buurtberichten (docs/buurtberichten.md).
BUURTBERICHTEN_MAX_PER_UUR = int(os.environ.get("BUURTBERICHTEN_MAX_PER_UUR", "10"))
BUURTBERICHTEN_BEVESTIGINGEN_PER_DAG = int(os.environ.get("BUURTBERICHTEN_BEVESTIGINGEN_PER_DAG", "3"))
BUURTBERICHTEN_ONBEVESTIGD_UREN = int(os.environ.get("BUURTBERICHTEN_ONBEVESTIGD_UREN", "48"))
BUURTBERICHTEN_MAX_VLAK_KM2 = float(os.environ.get("BUURTBERICHTEN_MAX_VLAK_KM2", "10"))
BUURTBERICHTEN_BEZWAARTERMIJN_DAGEN = int(os.environ.get("BUURTBERICHTEN_BEZWAARTERMIJN_DAGEN", "42"))
BUURTBERICHTEN_PORTIE = int(os.environ.get("BUURTBERICHTEN_PORTIE", "2000"))

# Where the basemap's generated mapfile, MapProxy configuration and tile cache live.
BASISKAART_DIR = Path(os.environ.get("BASISKAART_DIR", BASE_DIR / "var" / "basiskaart"))
# Seconds a machine may miss the newest basemap release before /gereed warns: the follower checks
# every 30 s even when a NOTIFY got lost, and a build takes well under a second.
BASISKAART_MAX_ACHTERSTAND = float(os.environ.get("BASISKAART_MAX_ACHTERSTAND", "90"))

# The DSO connection (docs/configuration.md, docs/dso-koppeling.md). Without a URL it talks to the mock
# that `make run` starts next to the portal.
DSO_BASIS_URL = os.environ.get("DSO_BASIS_URL", f"http://127.0.0.1:{os.environ.get('DSO_MOCK_PORT', '8001')}")
DSO_API_SLEUTEL = os.environ.get("DSO_API_SLEUTEL", "mock-sleutel-pre")
DSO_CLIENT_CERTIFICAAT = os.environ.get("DSO_CLIENT_CERTIFICAAT", "")
DSO_CLIENT_SLEUTEL = os.environ.get("DSO_CLIENT_SLEUTEL", "")
DSO_CA_BUNDEL = os.environ.get("DSO_CA_BUNDEL", "")
DSO_TIMEOUT = float(os.environ.get("DSO_TIMEOUT", "10"))
DSO_MAX_POGINGEN = int(os.environ.get("DSO_MAX_POGINGEN", "6"))
DSO_BACKOFF_BASIS = float(os.environ.get("DSO_BACKOFF_BASIS", "0.5"))
DSO_BACKOFF_MAX = float(os.environ.get("DSO_BACKOFF_MAX", "30"))
DSO_BREKER_DREMPEL = int(os.environ.get("DSO_BREKER_DREMPEL", "5"))
DSO_BREKER_PAUZE = float(os.environ.get("DSO_BREKER_PAUZE", "30"))
DSO_SLOT_DUUR = int(os.environ.get("DSO_SLOT_DUUR", "900"))
DSO_BEVOEGD_GEZAG = os.environ.get("DSO_BEVOEGD_GEZAG", GEMEENTE_CBS_CODE.lower())
DSO_OIN = os.environ.get("DSO_OIN", "")
DSO_WEBHOOK_GEHEIM = os.environ.get("DSO_WEBHOOK_GEHEIM", "mock-webhook-geheim")
DSO_STATUS_TERUGMELDEN = env_bool("DSO_STATUS_TERUGMELDEN", False)
DSO_REGELS_IMPORTEUR = os.environ.get("DSO_REGELS_IMPORTEUR", "toepasbare_regels.importing.importeer_sttr")
DSO_PLAN_IMPORTEUR = os.environ.get(
    "DSO_PLAN_IMPORTEUR", "toepasbare_regels.omgevingsplan.importing.ozon.importeer_ozon"
)

SILENCED_SYSTEM_CHECKS = [
    # Debian 12 ships GDAL 3.6, which cannot block file/network access from GDAL itself. We never hand
    # delivery GML to GDAL (our importers parse GML with lxml), so the risk this warns about is not taken.
    "gis.W001",
]

# Operations (docs/production.md, section 4): who may read /metrics, where unhandled errors go besides
# the log (a dotted path to a callable (request, exception)), and the log line format (plain or json).
METRICS_IPS = env_list("METRICS_IPS", "127.0.0.1,::1")
FOUTMELDER = os.environ.get("FOUTMELDER", "")
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "kern.bedrijf.JsonFormaat"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # procrastinate announces every task registration at INFO on each command; that is noise.
    "loggers": {
        "procrastinate": {"level": os.environ.get("PROCRASTINATE_LOG_LEVEL", "WARNING")},
        # MapProxy logs every mapserv call at INFO.
        "mapproxy": {"level": os.environ.get("MAPPROXY_LOG_LEVEL", "WARNING")},
        # Django's own console handler would print every request warning a second time via the root.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

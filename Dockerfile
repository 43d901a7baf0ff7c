# The portal as one image for web and worker (docs/production.md, section "Containers").
#   docker build -t omgevingsloket .                 (or: podman build -t omgevingsloket .)
#   docker compose up                                 (compose.yaml: PostGIS, migrate, basiskaart, web, worker)
# The install path is the project's own: `make venv` with scripts/system-packages.sh, in its `app` role
# (the runtime libraries, no database server, no browser) and without the dev extras.
# BASIS: any Debian 12 image; where Docker Hub is out of reach, one made with debootstrap (see the docs).
ARG BASIS=debian:12-slim
FROM ${BASIS} AS app

ENV DEBIAN_FRONTEND=noninteractive PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production LOKET_ADDR=0.0.0.0:8000 \
    STATIC_ROOT=/srv/loket/static MEDIA_ROOT=/srv/loket/media BASISKAART_DIR=/srv/loket/basiskaart
WORKDIR /srv/loket
# Behind a proxy or mirror with a CA of its own: --volume its bundle in and --build-arg PIP_CERT=<path>
# (or PIP_INDEX_URL for a mirror). Unset, pip uses PyPI and the image's own trust store.
ARG PIP_CERT PIP_INDEX_URL
# The system packages first (their own layer: it changes only with the list).
COPY scripts/system-packages.sh scripts/
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends make \
 && scripts/system-packages.sh app \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /srv/loket loket
COPY Makefile pyproject.toml README.md manage.py ./
COPY kern kern
COPY kaartlagen kaartlagen
COPY toepasbare_regels toepasbare_regels
COPY loket loket
COPY dso_koppeling dso_koppeling
COPY config config
COPY templates templates
# Editable, as `make` installs it: templates/ and the settings' BASE_DIR stay in /srv/loket. `dev/` is not
# copied (as in the wheel): no sample generators or mock in the production image.
RUN make venv SYSTEEM=app EXTRAS= \
 && SECRET_KEY=alleen-voor-collectstatic-tijdens-de-build-xxxxxxxx ALLOWED_HOSTS=x \
    .venv/bin/python manage.py collectstatic --noinput -v 0 \
 && mkdir -p media basiskaart && chown -R loket media basiskaart
USER loket
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD ["/srv/loket/.venv/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/gezondheid')"]
ENTRYPOINT ["/srv/loket/.venv/bin/python"]
# Web by default; the worker: `… manage.py procrastinate worker`; a release, before web starts:
# `… manage.py migrate`, then `… manage.py bouw_basiskaart` (web only reads what that writes).
CMD ["-m", "config.webserver"]

# The DSO mock knooppunt for a test stack (compose profile `mock`); never in production.
FROM app AS mock
COPY dev dev
CMD ["-m", "dev.dso_mock", "--host", "0.0.0.0", "--port", "8001", "--opslag", "/srv/loket/media/dso-mock.json"]

# The portal as one image for web and worker (docs/production.md). Build: docker build -t omgevingsloket .
# Run with compose.yaml, or: docker run --env-file loket.env omgevingsloket (web) / … worker (worker).
FROM debian:12-slim

ENV DEBIAN_FRONTEND=noninteractive PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production LOKET_ADDR=0.0.0.0:8000 \
    STATIC_ROOT=/srv/loket/static MEDIA_ROOT=/srv/loket/media BASISKAART_DIR=/srv/loket/basiskaart
# The runtime libraries of scripts/system-packages.sh (no database server, no browser in the image).
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends python3 python3-venv libgdal32 libgeos-c1v5 libproj25 \
      mapserver-bin cgi-mapserver ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /srv/loket loket
WORKDIR /srv/loket
COPY pyproject.toml README.md ./
COPY kern kern
COPY kaartlagen kaartlagen
COPY toepasbare_regels toepasbare_regels
COPY loket loket
COPY dso_koppeling dso_koppeling
COPY config config
COPY templates templates
COPY manage.py ./
# The pins of pyproject.toml without the dev extras. Editable, so templates/ and the settings' BASE_DIR
# stay in /srv/loket; `dev/` is not copied (as in the wheel).
RUN python3 -m venv /srv/loket/.venv && /srv/loket/.venv/bin/pip install -q --no-cache-dir -e . \
 && SECRET_KEY=collectstatic-alleen-tijdens-de-build-xxxxxxxxxx ALLOWED_HOSTS=x \
    /srv/loket/.venv/bin/python manage.py collectstatic --noinput -v 0 \
 && mkdir -p /srv/loket/media /srv/loket/basiskaart && chown -R loket /srv/loket/media /srv/loket/basiskaart
USER loket
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/gezondheid')"
ENTRYPOINT ["/srv/loket/.venv/bin/python"]
# Web by default; the worker: `… manage.py procrastinate worker`; a release: `… manage.py migrate`.
CMD ["/srv/loket/.venv/bin/gunicorn", "-c", "python:config.gunicorn", "config.wsgi"]

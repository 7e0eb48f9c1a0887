# CameraMap under gunicorn. Debian's Python can load SQLite extensions and has GDAL 3.6.
# The base is pinned by its point release; bump it deliberately (docs/deploy.md, upgrades).
FROM debian:12.12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv gdal-bin libsqlite3-mod-spatialite binutils libproj-dev gettext \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 cameramap
WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
COPY cameramap cameramap
COPY api api
RUN python3 -m venv /venv && /venv/bin/pip install --no-cache-dir -c requirements.lock .
COPY . .
# Static files are collected into the image at build; the start command copies them into the
# volume the proxy reads (a named volume keeps its first contents, so an upgrade must refresh it).
ENV STATIC_ROOT=/app/static-build \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private \
    PYTHONUNBUFFERED=1
RUN SECRET_KEY=build-only /venv/bin/python manage.py collectstatic --no-input \
 && SECRET_KEY=build-only /venv/bin/python manage.py compilemessages --ignore var \
 && mkdir -p /data/media /data/private /srv/static \
 && chown -R cameramap:cameramap /data /srv/static
USER cameramap
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["/venv/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["sh", "-c", "/venv/bin/python manage.py migrate --no-input && cp -a /app/static-build/. /srv/static/ && exec /venv/bin/gunicorn cameramap.wsgi --bind 0.0.0.0:8000 --workers 3 --timeout 60"]

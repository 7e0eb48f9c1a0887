# CameraMap under gunicorn. Debian's Python can load SQLite extensions and has GDAL 3.6.
FROM debian:12-slim
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
RUN SECRET_KEY=build-only /venv/bin/python manage.py collectstatic --no-input \
 && SECRET_KEY=build-only /venv/bin/python manage.py compilemessages --ignore var
USER cameramap
EXPOSE 8000
CMD ["sh", "-c", "/venv/bin/python manage.py migrate --no-input && exec /venv/bin/gunicorn cameramap.wsgi --bind 0.0.0.0:8000 --workers 2"]

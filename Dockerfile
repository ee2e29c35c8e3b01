# Candour's production image: the web server, the Celery worker and beat all run from it
# (docker-compose.yml chooses the command). Front-end assets are built in a first stage with the
# same script `make` uses, so the image holds no Node.js.

FROM python:3.11-slim-bookworm AS assets
WORKDIR /app
COPY requirements/node.lock requirements/node.lock
RUN pip install --no-cache-dir --require-hashes -r requirements/node.lock
COPY package.json package-lock.json ./
COPY tools/build_assets.py tools/build_assets.py
COPY frontend frontend
RUN python tools/build_assets.py

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CANDOUR_VAR_DIR=/app/var \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_STATIC_MANIFEST=true
RUN useradd --create-home --uid 1000 candour
WORKDIR /app
COPY requirements/prod.lock requirements/prod.lock
RUN pip install --no-cache-dir --require-hashes -r requirements/prod.lock
COPY --chown=candour:candour . .
COPY --from=assets --chown=candour:candour /app/build/static build/static
RUN mkdir -p var/media staticfiles && chown -R candour:candour var staticfiles
USER candour
EXPOSE 8000
CMD ["gunicorn", "--config", "python:config.gunicorn", "config.wsgi"]

"""Database objects that migrations cannot keep, (re)installed after every `migrate`.

SQLite remakes a table (copy, drop, rename) for many schema changes, and the drop takes the
table's triggers with it, including SpatiaLite's spatial index upkeep. So whatever a later
migration does, `post_migrate` puts back:

- the triggers that bump `areas.DataVersion` on every write to the public data (cameras,
  published photos, areas), whatever code path makes it — the source of HTTP validators and
  version-keyed caches that every app process sharing the database agrees on;
- SpatiaLite spatial indexes that a table remake left disabled.
"""

from django.apps import apps
from django.contrib.gis.db.models import GeometryField
from django.db import connections, transaction

WATCHED_TABLES = ("cameras_camera", "areas_area")
# Photos count only once published: a new private photo changes nothing anyone can see.
PHOTO_CONDITIONS = {
    "insert": "NEW.is_published",
    "update": "OLD.is_published OR NEW.is_published",
    "delete": "OLD.is_published",
}
POSTGRES_UPSERT = (
    "INSERT INTO areas_dataversion (id, version, changed_at) VALUES (1, 1, clock_timestamp())"
    " ON CONFLICT (id) DO UPDATE"
    " SET version = areas_dataversion.version + 1, changed_at = clock_timestamp()"
)
SQLITE_UPSERT = (
    "INSERT INTO areas_dataversion (id, version, changed_at)"
    " VALUES (1, 1, strftime('%Y-%m-%d %H:%M:%f', 'now'))"
    " ON CONFLICT (id) DO UPDATE"
    " SET version = areas_dataversion.version + 1, changed_at = excluded.changed_at"
)


def postgres_statements() -> list[str]:
    statements = [
        "CREATE OR REPLACE FUNCTION cameramap_bump_data_version() RETURNS trigger"
        f" LANGUAGE plpgsql AS $$ BEGIN {POSTGRES_UPSERT}; RETURN NULL; END $$"
    ]
    # One bump per statement: an import writing 61,000 rows bumps once.
    for table in WATCHED_TABLES:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_data_version ON {table}",
            f"CREATE TRIGGER {table}_data_version"
            f" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION cameramap_bump_data_version()",
        ]
    for event, condition in PHOTO_CONDITIONS.items():
        name = f"cameras_photo_data_version_{event}"
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON cameras_photo",
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON cameras_photo"
            f" FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION cameramap_bump_data_version()",
        ]
    return statements


def sqlite_statements() -> list[str]:
    # SQLite has row triggers only; an upsert of a one-row table costs about a microsecond.
    statements = []
    for table in WATCHED_TABLES:
        for event in ("insert", "update", "delete"):
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS {table}_data_version_{event}"
                f" AFTER {event.upper()} ON {table} BEGIN {SQLITE_UPSERT}; END"
            )
    for event, condition in PHOTO_CONDITIONS.items():
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS cameras_photo_data_version_{event}"
            f" AFTER {event.upper()} ON cameras_photo WHEN {condition}"
            f" BEGIN {SQLITE_UPSERT}; END"
        )
    return statements


def repair_spatialite_indexes(cursor) -> list[str]:
    """Re-create (and fill) the spatial indexes a table remake disabled; returns their names."""
    repaired = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not (isinstance(field, GeometryField) and field.spatial_index):
                continue
            table, column = model._meta.db_table, field.column
            cursor.execute(
                "SELECT spatial_index_enabled FROM geometry_columns"
                " WHERE lower(f_table_name) = lower(%s) AND lower(f_geometry_column) = lower(%s)",
                [table, column],
            )
            row = cursor.fetchone()
            if row is None or row[0]:
                continue
            cursor.execute(f'DROP TABLE IF EXISTS "idx_{table}_{column}"')
            cursor.execute("SELECT CreateSpatialIndex(%s, %s)", [table, column])
            repaired.append(f"{table}.{column}")
    return repaired


def install_database_objects(*, using: str = "default") -> None:
    """Idempotent: the data-version triggers, and on SpatiaLite working spatial indexes."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if not {"areas_dataversion", "cameras_photo", *WATCHED_TABLES} <= tables:
        return  # migrated only part of the way
    postgres = connection.vendor == "postgresql"
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for statement in postgres_statements() if postgres else sqlite_statements():
            cursor.execute(statement, None)
        if not postgres:
            repair_spatialite_indexes(cursor)


def on_post_migrate(sender, *, using: str = "default", **kwargs) -> None:
    install_database_objects(using=using)

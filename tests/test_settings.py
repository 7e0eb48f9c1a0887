import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cameramap.lib.env import env_bool, parse_database_url

ROOT = Path(__file__).resolve().parents[1]


def test_it_reads_a_relative_spatialite_url_against_the_project():
    config = parse_database_url("spatialite:///var/cameramap.sqlite3", base_dir=ROOT)
    assert config["ENGINE"] == "django.contrib.gis.db.backends.spatialite"
    assert config["NAME"] == str(ROOT / "var" / "cameramap.sqlite3")


def test_it_reads_an_absolute_spatialite_url():
    config = parse_database_url("spatialite:////srv/data/map.sqlite3", base_dir=ROOT)
    assert config["NAME"] == "/srv/data/map.sqlite3"


def test_it_reads_a_postgis_url_with_escaped_password():
    config = parse_database_url("postgis://map:p%40ss@db.example:5433/cameramap", base_dir=ROOT)
    assert config["ENGINE"] == "django.contrib.gis.db.backends.postgis"
    assert (config["USER"], config["PASSWORD"]) == ("map", "p@ss")
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", "5433", "cameramap")


@pytest.mark.parametrize("url", ["mysql://u@h/db", "sqlite:///x.db", "nonsense"])
def test_it_refuses_a_database_url_it_cannot_use(url):
    with pytest.raises(ImproperlyConfigured, match="must be spatialite:// or postgis://"):
        parse_database_url(url, base_dir=ROOT)


def test_it_refuses_a_postgis_url_without_a_database_name():
    with pytest.raises(ImproperlyConfigured, match="needs a database name"):
        parse_database_url("postgis://u@localhost:5432/", base_dir=ROOT)


def test_it_refuses_an_ambiguous_boolean(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        env_bool("DEBUG")


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        (
            {"DATABASE_URL": "mysql://u@h/db", "SECRET_KEY": "x"},
            "must be spatialite:// or postgis://",
        ),
        ({"DEBUG": "0"}, "SECRET_KEY is required when DEBUG is off"),
        ({"DEBUG": "perhaps"}, "DEBUG must be one of"),
    ],
)
def test_manage_py_stops_with_one_line_on_a_bad_setting(environment, message):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "PYTEST_VERSION"}}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]

"""The production example environment passes Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "deploy" / "production.env.example"


def production_environment(**overrides) -> dict:
    values = {}
    for line in EXAMPLE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    values["SECRET_KEY"] = secrets.token_urlsafe(50)
    # What the test run itself set (the browser tests allow async-unsafe calls) is not
    # production's.
    test_only = {"PYTEST_VERSION", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in test_only}
    return {**base, **values, **overrides}


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warning_with_the_production_example():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_environment())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_warns_when_https_is_off():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_environment(CAMERAMAP_HTTPS="0", SECURE_HSTS_SECONDS="0"),
    )

    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W012" in result.stderr + result.stdout


def test_the_example_secret_key_is_refused():
    env = production_environment()
    env["SECRET_KEY"] = "change-me-to-fifty-or-more-random-characters-from-a-generator-xyz"

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "placeholder" in result.stderr

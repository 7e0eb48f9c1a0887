from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_app_against_a_healthy_postgis():
    services = compose()["services"]

    assert services["db"]["image"].startswith("postgis/postgis:")
    assert "healthcheck" in services["db"]
    assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["app"]["environment"]["DATABASE_URL"].startswith("postgis://")
    assert (ROOT / services["app"]["build"] / "Dockerfile").exists()


def test_every_volume_a_service_mounts_is_declared():
    document = compose()
    declared = set(document["volumes"])
    for service in document["services"].values():
        for volume in service.get("volumes", []):
            name = volume.split(":", 1)[0]
            if not name.startswith((".", "/")):
                assert name in declared

"""The production stack, read as files (there is no Docker engine in CI): compose, the
Dockerfile and nginx's configuration."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
NGINX = ROOT / "deploy" / "nginx.conf"


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def mounts(service: dict) -> dict[str, str]:
    """{source: target} of a service's volumes."""
    pairs = (volume.split(":") for volume in service.get("volumes", []))
    return {parts[0]: parts[1] for parts in pairs}


def nginx_locations() -> dict[str, str]:
    """{location: its body} for every location block (none are nested; a block opens at the
    end of its line and closes on a line of its own)."""
    text = re.sub(r"#.*", "", NGINX.read_text())
    return {
        match["where"]: match["body"]
        for match in re.finditer(
            r"^\s*location\s+(?P<where>.+?)\s*\{\s*$(?P<body>.*?)^\s*\}\s*$", text, re.M | re.S
        )
    }


def test_compose_runs_the_app_against_a_healthy_postgis():
    services = compose()["services"]

    assert services["db"]["image"].startswith("postgis/postgis:")
    assert "healthcheck" in services["db"]
    assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["app"]["environment"]["DATABASE_URL"].startswith("postgis://")
    assert (ROOT / services["app"]["build"] / "Dockerfile").exists()


def test_every_service_has_a_healthcheck_and_a_pinned_image():
    services = compose()["services"]

    assert set(services) == {"db", "redis", "app", "proxy"}
    for name, service in services.items():
        assert service["healthcheck"]["test"], name
        if "image" in service:
            assert re.search(r":\d+(\.\d+)*(-[\w.]+)*$", service["image"]), service["image"]


def test_the_app_is_checked_on_its_health_endpoint_and_waits_for_its_backends():
    app = compose()["services"]["app"]

    assert "/healthz" in " ".join(app["healthcheck"]["test"])
    assert app["depends_on"]["redis"]["condition"] == "service_healthy"
    assert app["env_file"] == ".env"
    assert app["environment"]["CAMERAMAP_NUM_PROXIES"] == "1"
    assert app["environment"]["REDIS_URL"].startswith("redis://redis:")


def test_the_proxy_starts_once_the_app_is_healthy():
    proxy = compose()["services"]["proxy"]

    assert proxy["depends_on"]["app"]["condition"] == "service_healthy"
    assert mounts(proxy)["./deploy/nginx.conf"] == "/etc/nginx/conf.d/default.conf"


def test_every_volume_a_service_mounts_is_declared():
    document = compose()
    declared = set(document["volumes"])
    for service in document["services"].values():
        for volume in service.get("volumes", []):
            name = volume.split(":", 1)[0]
            if not name.startswith((".", "/")):
                assert name in declared


def test_data_lives_in_named_volumes():
    services = compose()["services"]

    assert mounts(services["db"])["db-data"] == "/var/lib/postgresql/data"
    app = mounts(services["app"])
    environment = services["app"]["environment"]
    assert app["media"] == environment["MEDIA_ROOT"]
    assert app["private-media"] == environment["PRIVATE_MEDIA_ROOT"]


def test_the_proxy_never_mounts_the_private_photos():
    services = compose()["services"]
    private_root = services["app"]["environment"]["PRIVATE_MEDIA_ROOT"]

    proxy = mounts(services["proxy"])
    assert "private-media" not in proxy
    assert private_root not in proxy.values()
    # Read-only, the published photos and the static files only.
    assert proxy["media"] == "/srv/media"
    assert proxy["static"] == "/srv/static"
    assert all(volume.endswith(":ro") for volume in services["proxy"]["volumes"])
    # Only the app holds the private volume.
    holders = [name for name, s in services.items() if "private-media" in mounts(s)]
    assert holders == ["app"]


def test_nginx_serves_files_only_from_static_published_media_and_acme():
    locations = nginx_locations()
    roots = {
        where: match[1]
        for where, body in locations.items()
        if (match := re.search(r"\b(?:root|alias)\s+([^;]+);", body))
    }

    assert roots == {
        "/.well-known/acme-challenge/": "/srv/acme",
        "/static/": "/srv",
        '~ "^/media/photos/[0-9a-f]{2}/[0-9a-f]{64}\\.jpg$"': "/srv",
    }
    assert "/data/private" not in NGINX.read_text()


def test_nginx_serves_only_photo_names_under_media_and_passes_the_rest_to_the_app():
    locations = nginx_locations()
    pattern = re.compile(r"^/media/photos/[0-9a-f]{2}/[0-9a-f]{64}\.jpg$")

    assert "return 404" in locations["/media/"]
    assert "proxy_pass http://cameramap_app" in locations["/"]
    assert "X-Forwarded-Proto $scheme" in locations["/"]
    for path in ("/media/photos/ab/" + "ab" * 32 + ".jpg",):
        assert pattern.match(path)
    for path in ("/media/photos/ab/.x.tmp", "/media/../private/x.jpg", "/media/"):
        assert not pattern.match(path)


def test_the_image_runs_as_a_user_from_a_pinned_base_with_static_files_collected():
    dockerfile = (ROOT / "Dockerfile").read_text()

    base = re.search(r"^FROM\s+(\S+)", dockerfile, re.M)[1]
    assert re.search(r":\d+\.\d+", base), base
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    assert users
    assert users[-1] not in ("root", "0")
    assert "collectstatic --no-input" in dockerfile
    assert "gunicorn cameramap.wsgi" in dockerfile

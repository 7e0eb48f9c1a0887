import json
import re

import pytest
import yaml
from openapi_spec_validator import validate

from cameramap.lib.vocabulary import CameraType
from tests.api.test_areas_api import AREA_PROPERTIES
from tests.api.test_cameras_api import PROPERTIES as CAMERA_PROPERTIES


@pytest.fixture
def schema(api, db) -> dict:
    return api.get("/api/v1/schema/").json()


def test_the_schema_is_valid_openapi_3(schema):
    validate(schema)

    assert schema["openapi"].startswith("3.")


def test_the_schema_is_json_by_default_and_yaml_on_request(api, db):
    as_json = api.get("/api/v1/schema/")
    as_yaml = api.get("/api/v1/schema/", {"format": "yaml"})

    assert as_json.status_code == 200
    assert as_json["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(as_yaml.content) == json.loads(as_json.content)


def test_every_read_endpoint_is_described(schema):
    assert {"/api/v1/cameras/", "/api/v1/cameras/{id}/", "/api/v1/areas/"} <= set(schema["paths"])
    assert "/api/v1/areas/{slug}/" in schema["paths"]


def test_a_camera_feature_has_exactly_the_contract_properties(schema):
    camera = schema["components"]["schemas"]["Camera"]
    properties = camera["properties"]["properties"]

    assert set(properties["properties"]) == CAMERA_PROPERTIES
    assert set(properties["required"]) == CAMERA_PROPERTIES
    assert camera["required"] == ["type", "id", "geometry", "properties"]
    assert camera["properties"]["geometry"]["properties"]["type"]["enum"] == ["Point"]


def test_an_area_feature_has_the_contract_properties_and_the_detail_a_breakdown(schema):
    area = schema["components"]["schemas"]["Area"]["properties"]["properties"]
    detail = schema["components"]["schemas"]["AreaDetail"]["properties"]["properties"]

    assert set(area["properties"]) == AREA_PROPERTIES
    assert set(detail["properties"]) == {*AREA_PROPERTIES, "breakdown"}
    assert set(detail["properties"]["breakdown"]["properties"]) == {
        "surveillance_type",
        "camera_type",
        "operator_type",
    }


def test_the_camera_list_is_a_paginated_feature_collection(schema):
    listing = schema["components"]["schemas"]["PaginatedCameraList"]

    assert listing["required"] == ["type", "count", "next", "previous", "features"]
    assert listing["properties"]["features"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/Camera"},
    }


def test_the_camera_list_documents_its_filters_and_error_shapes(schema):
    operation = schema["paths"]["/api/v1/cameras/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}

    assert {"bbox", "camera_type", "mount", "zone", "area", "page", "page_size"} <= set(parameters)
    camera_type = parameters["camera_type"]
    assert (camera_type["style"], camera_type["explode"]) == ("form", False)
    assert camera_type["schema"]["items"]["enum"] == list(CameraType.values)
    bad_request = operation["responses"]["400"]["content"]["application/json"]
    assert bad_request["schema"] == {"$ref": "#/components/schemas/ValidationError"}
    assert "errors" in next(iter(bad_request["examples"].values()))["value"]


def test_directions_are_bearings_or_ranges(schema):
    properties = schema["components"]["schemas"]["Camera"]["properties"]["properties"]
    directions = properties["properties"]["directions"]

    bearing, span = directions["items"]["oneOf"]
    assert (bearing["minimum"], bearing["maximum"]) == (0, 359)
    assert re.fullmatch(span["pattern"], "90-270")


def test_the_docs_page_loads_only_its_own_files_and_no_inline_code(client, db):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(
        source.startswith("/static/") or source.startswith("/api/v1/docs/") for source in sources
    )
    # No inline script or style: a Content-Security-Policy without 'unsafe-inline' can apply.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "<style" not in html
    assert " style=" not in html


def test_the_docs_start_up_script_is_served_as_a_file(client, db):
    response = client.get("/api/v1/docs/", {"script": ""})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in response.content.decode()

"""OpenAPI helpers: error shapes, query parameters and typed fields the views and serializers
share, so the schema at /api/v1/schema/ says exactly what the API does."""

from drf_spectacular.contrib.rest_framework_gis import GeoFeatureModelSerializerExtension
from drf_spectacular.plumbing import build_array_type, build_basic_type, build_object_type
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema_field,
    inline_serializer,
)
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers

from api.filters import FILTER_FIELDS
from cameramap.lib.vocabulary import VOCABULARY

# --- error shapes (api/errors.py) -------------------------------------------------------------

ErrorSerializer = inline_serializer(
    name="Error",
    fields={"detail": serializers.CharField(help_text="What went wrong, in one sentence.")},
)
ValidationErrorSerializer = inline_serializer(
    name="ValidationError",
    fields={
        "detail": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            required=False,
            help_text="Messages per invalid field.",
        ),
    },
)


def error_response(description: str, *, example: str) -> OpenApiResponse:
    return OpenApiResponse(
        response=ErrorSerializer,
        description=description,
        examples=[OpenApiExample(description, value={"detail": example})],
    )


def validation_error_response(field: str, message: str) -> OpenApiResponse:
    return OpenApiResponse(
        response=ValidationErrorSerializer,
        description="Invalid parameters: each invalid field is named with its messages.",
        examples=[
            OpenApiExample(
                f"Invalid {field}",
                value={"detail": "Invalid input.", "errors": {field: [message]}},
            )
        ],
    )


NOT_FOUND = error_response("Not found", example="Not found.")

# --- query parameters ---------------------------------------------------------------------------

BBOX_PARAMETER = OpenApiParameter(
    "bbox",
    # Four comma-separated decimal numbers; that min < max and the ranges are checked by the view.
    {"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?\s*(,\s*-?\d+(\.\d+)?\s*){3}$"},
    description=(
        "Only cameras inside this box: `minlon,minlat,maxlon,maxlat` in degrees (WGS 84), "
        "with min < max, longitudes within ±180 and latitudes within ±90."
    ),
    examples=[OpenApiExample("Brooklyn", value="-74.05,40.57,-73.83,40.74")],
)
SLUG_SCHEMA = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"}
AREA_PARAMETER = OpenApiParameter(
    "area", SLUG_SCHEMA, description="Only cameras in the neighbourhood with this slug."
)
AREA_SLUG_PARAMETER = OpenApiParameter(
    "slug",
    SLUG_SCHEMA,
    OpenApiParameter.PATH,
    description="The neighbourhood's slug, as in its page's address (/areas/<slug>/).",
)
CAMERA_ID_PARAMETER = OpenApiParameter(
    "id",
    {"type": "integer", "minimum": 1},
    OpenApiParameter.PATH,
    description="The camera's id.",
)


def vocabulary_parameters() -> list[OpenApiParameter]:
    """?camera_type=dome,fixed: one comma-separated list per vocabulary field."""
    return [
        OpenApiParameter(
            field,
            build_array_type({"type": "string", "enum": list(VOCABULARY[field].values)}),
            style="form",
            explode=False,
            description=f"Only cameras whose `{field}` is one of these (comma-separated).",
        )
        for field in FILTER_FIELDS
    ]


# --- examples -----------------------------------------------------------------------------------

CAMERA_EXAMPLE = OpenApiExample(
    "A camera",
    response_only=True,
    value={
        "type": "Feature",
        "id": 42,
        "geometry": {"type": "Point", "coordinates": [-73.9857, 40.6942]},
        "properties": {
            "id": 42,
            "surveillance_type": "camera",
            "camera_type": "dome",
            "mount": "pole",
            "zone": "traffic",
            "watches": "public",
            "operator_type": "police",
            "operator": "NYPD",
            "face_recognition": "unknown",
            "directions": [90, "180-270"],
            "height_m": 4.5,
            "count": 2,
            "confirmations": 3,
            "first_reported": "2026-03-01",
            "last_confirmed": "2026-04-12",
            "photo": "/media/photos/3f/3fa4c2.jpg",
            "area": "downtown-brooklyn",
        },
    },
)
AREA_EXAMPLE = OpenApiExample(
    "A neighbourhood",
    response_only=True,
    value={
        "type": "Feature",
        "id": "downtown-brooklyn",
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [
                [[[-73.99, 40.69], [-73.98, 40.69], [-73.98, 40.70], [-73.99, 40.69]]]
            ],
        },
        "properties": {
            "slug": "downtown-brooklyn",
            "name": "DUMBO-Vinegar Hill-Downtown Brooklyn-Boerum Hill",
            "code": "BK38",
            "camera_count": 412,
            "area_km2": 2.71,
            "density_per_km2": 152.0,
            "population": 35000,
            "per_1000_residents": 11.77,
            "rank": 1,
            "breakdown": {
                "surveillance_type": {"camera": 405, "alpr": 7},
                "camera_type": {"dome": 220, "fixed": 150, "unknown": 42},
                "operator_type": {"business": 300, "police": 80, "unknown": 32},
            },
        },
    },
)


# --- typed fields -------------------------------------------------------------------------------

DIRECTION_SCHEMA = {
    "oneOf": [
        {"type": "integer", "minimum": 0, "maximum": 359, "description": "A bearing"},
        {
            "type": "string",
            "pattern": r"^\d{1,3}-\d{1,3}$",
            "description": "A clockwise range of bearings, like 90-270",
        },
    ]
}


@extend_schema_field(build_array_type(DIRECTION_SCHEMA, max_length=16))
class DirectionsField(serializers.JSONField):
    """The directions a camera looks in: bearings 0-359 and clockwise ranges like "90-270"."""


BREAKDOWN_SCHEMA = build_object_type(
    properties={
        field: build_object_type(
            additionalProperties=build_basic_type(OpenApiTypes.INT),
            description=f"Cameras (summing `count`) per `{field}` value",
        )
        for field in ("surveillance_type", "camera_type", "operator_type")
    },
    required=["surveillance_type", "camera_type", "operator_type"],
)


POINT_SCHEMA = build_object_type(
    properties={
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": build_array_type(
            build_basic_type(OpenApiTypes.DOUBLE), min_length=2, max_length=2
        ),
    },
    required=["type", "coordinates"],
)
CLUSTER_FEATURE_SCHEMA = build_object_type(
    description="Several cameras in one grid cell, at their mean position",
    properties={
        "type": {"type": "string", "enum": ["Feature"]},
        "geometry": POINT_SCHEMA,
        "properties": build_object_type(
            properties={
                "cluster": {"type": "boolean", "enum": [True]},
                "cameras": {"type": "integer", "minimum": 2, "description": "camera records"},
                "count": {
                    "type": "integer",
                    "minimum": 2,
                    "description": "devices (sum of count)",
                },
            },
            required=["cluster", "cameras", "count"],
        ),
    },
    required=["type", "geometry", "properties"],
)
LONE_CAMERA_FEATURE_SCHEMA = build_object_type(
    description="The only camera in its grid cell; the rest of it is at /api/v1/cameras/{id}/",
    properties={
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "integer"},
        "geometry": POINT_SCHEMA,
        "properties": build_object_type(
            properties={
                "cluster": {"type": "boolean", "enum": [False]},
                "id": {"type": "integer"},
                "count": {"type": "integer", "minimum": 1},
                "surveillance_type": {
                    "type": "string",
                    "enum": list(VOCABULARY["surveillance_type"].values),
                },
                "camera_type": {"type": "string", "enum": list(VOCABULARY["camera_type"].values)},
                "directions": build_array_type(DIRECTION_SCHEMA, max_length=16),
                "height_m": {"type": "number", "nullable": True},
            },
            required=[
                "cluster",
                "id",
                "count",
                "surveillance_type",
                "camera_type",
                "directions",
                "height_m",
            ],
        ),
    },
    required=["type", "id", "geometry", "properties"],
)
CLUSTER_COLLECTION_SCHEMA = build_object_type(
    properties={
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": build_array_type(
            {"oneOf": [CLUSTER_FEATURE_SCHEMA, LONE_CAMERA_FEATURE_SCHEMA]}, max_length=5000
        ),
    },
    required=["type", "features"],
)
GEOMETRY_PARAMETER = OpenApiParameter(
    "geometry",
    {"type": "boolean"},
    description="false: the figures without the shapes (geometry null), for a map that has them.",
)


# --- GeoJSON features with their id -------------------------------------------------------------


class FeatureWithIdExtension(GeoFeatureModelSerializerExtension):
    """Our features also carry their id (or slug) as the Feature's own `id` (FeatureIdMixin)."""

    target_class = "api.serializers.FeatureIdMixin"
    match_subclasses = True
    priority = 1

    def map_serializer(self, auto_schema, direction):
        schema = super().map_serializer(auto_schema, direction)
        id_schema = schema["properties"]["properties"]["properties"][self.target.feature_id_field]
        schema["properties"] = {
            "type": schema["properties"].pop("type"),
            "id": id_schema,
            **schema["properties"],
        }
        schema["required"] = ["type", "id", "geometry", "properties"]
        if getattr(self.target, "geometry_optional", False):
            schema["properties"]["geometry"]["nullable"] = True
            schema["properties"]["geometry"]["description"] = "null when asked for geometry=false"
        # Every property is always present (null when unknown).
        properties = schema["properties"]["properties"]
        properties["required"] = list(properties["properties"])
        return schema


def paginated_feature_collection(paginated: dict, features) -> dict:
    """Fix up GeoJsonPagination's schema: `features` is an array of Features (drf-spectacular
    hands the paginator the FeatureCollection component, `<Feature>List`), and all five keys are
    always present. `features` may also be the placeholder drf-spectacular builds examples with."""
    ref = features.get("$ref", "") if isinstance(features, dict) else ""
    if ref.endswith("List"):
        features = build_array_type({"$ref": ref.removesuffix("List")})
    paginated["properties"]["features"] = features
    paginated["properties"]["type"]["example"] = "FeatureCollection"
    paginated["properties"]["next"]["example"] = "https://cameramap.example/api/v1/cameras/?page=3"
    paginated["properties"]["previous"]["example"] = (
        "https://cameramap.example/api/v1/cameras/?page=1"
    )
    paginated["required"] = ["type", "count", "next", "previous", "features"]
    return paginated


# --- the schema and docs views ------------------------------------------------------------------


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema: JSON by default, YAML with ?format=yaml."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI, with its start-up script served as a file: no inline script for the CSP."""

    url_name = "api:schema"

from django.urls import path

from api import schema, views, views_review

app_name = "api"

urlpatterns = [
    path("cameras/", views.CameraList.as_view(), name="camera-list"),
    path("cameras/clusters/", views.CameraClusters.as_view(), name="camera-clusters"),
    path("cameras/<int:pk>/", views.CameraDetail.as_view(), name="camera-detail"),
    path("areas/", views.AreaList.as_view(), name="area-list"),
    path("areas/<slug:slug>/", views.AreaDetail.as_view(), name="area-detail"),
    path("schema/", schema.SchemaView.as_view(), name="schema"),
    path("docs/", schema.DocsView.as_view(), name="docs"),
]

# Sightings: volunteers' reports.
urlpatterns += [
    path("sightings/", views.SightingCreate.as_view(), name="sighting-list"),
    path("sightings/<int:pk>/", views.SightingDetail.as_view(), name="sighting-detail"),
]

# Review: moderators only.
urlpatterns += [
    path("review/sightings/", views_review.ReviewQueue.as_view(), name="review-queue"),
    path(
        "review/sightings/reject",
        views_review.SightingsBulkReject.as_view(),
        name="review-bulk-reject",
    ),
    path(
        "review/sightings/<int:pk>/approve",
        views_review.SightingApprove.as_view(),
        name="review-approve",
    ),
    path(
        "review/sightings/<int:pk>/merge",
        views_review.SightingMerge.as_view(),
        name="review-merge",
    ),
    path(
        "review/sightings/<int:pk>/reject",
        views_review.SightingReject.as_view(),
        name="review-reject",
    ),
    path(
        "review/sightings/<int:pk>/history",
        views_review.SightingHistory.as_view(),
        name="review-sighting-history",
    ),
    path(
        "review/cameras/<int:pk>/edit",
        views_review.CameraEdit.as_view(),
        name="review-camera-edit",
    ),
    path(
        "review/cameras/<int:pk>/remove",
        views_review.CameraRemove.as_view(),
        name="review-camera-remove",
    ),
    path(
        "review/cameras/<int:pk>/restore",
        views_review.CameraRestore.as_view(),
        name="review-camera-restore",
    ),
    path(
        "review/cameras/<int:pk>/history",
        views_review.CameraHistory.as_view(),
        name="review-camera-history",
    ),
    path("review/events/<int:pk>/undo", views_review.EventUndo.as_view(), name="review-undo"),
    path(
        "review/photos/<int:pk>/redact", views_review.PhotoRedact.as_view(), name="review-redact"
    ),
]

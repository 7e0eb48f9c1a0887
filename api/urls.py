from django.urls import path

from api import schema, views

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

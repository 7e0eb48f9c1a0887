from django.urls import path

from api import views

app_name = "api"

urlpatterns = [
    path("cameras/", views.CameraList.as_view(), name="camera-list"),
    path("cameras/clusters/", views.CameraClusters.as_view(), name="camera-clusters"),
    path("cameras/<int:pk>/", views.CameraDetail.as_view(), name="camera-detail"),
    path("areas/", views.AreaList.as_view(), name="area-list"),
    path("areas/<slug:slug>/", views.AreaDetail.as_view(), name="area-detail"),
]

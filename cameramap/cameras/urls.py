from django.urls import path

from cameramap.cameras import views

urlpatterns = [
    path("submit/", views.submit, name="submit"),
    path("my-reports/", views.my_reports, name="my-reports"),
    path("photos/<int:pk>/<slug:variant>.jpg", views.photo, name="photo"),
]

from django.urls import path

from cameramap.cameras import views, views_review

urlpatterns = [
    path("submit/", views.submit, name="submit"),
    path("my-reports/", views.my_reports, name="my-reports"),
    path("photos/<int:pk>/<slug:variant>.jpg", views.photo, name="photo"),
]

urlpatterns += [
    path("review/", views_review.review_queue, name="review"),
    path(
        "review/sightings/<int:pk>/",
        views_review.sighting_history,
        name="review-sighting",
    ),
    path("review/cameras/<int:pk>/", views_review.camera_history, name="review-camera"),
]

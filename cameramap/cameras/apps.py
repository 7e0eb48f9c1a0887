from django.apps import AppConfig


class CamerasConfig(AppConfig):
    name = "cameramap.cameras"
    verbose_name = "Cameras and sightings"

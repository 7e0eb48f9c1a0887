from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "cameramap.areas"
    verbose_name = "Neighbourhoods"

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AreasConfig(AppConfig):
    name = "cameramap.areas"
    verbose_name = "Neighbourhoods"

    def ready(self):
        from cameramap.schema import on_post_migrate

        # Once per migrate (sent for every app; this one is enough).
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="cameramap-schema")

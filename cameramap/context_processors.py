from django.conf import settings


def site(request):
    return {"data_license": settings.CAMERAMAP_DATA_LICENSE}

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cameramap import views as site_views
from cameramap.areas import views as area_views
from cameramap.cameras import views_osm
from cameramap.cameras import views_public as camera_views

urlpatterns = [
    path("", area_views.map_page, name="map"),
    path("areas/", area_views.area_index, name="areas"),
    path("areas/<slug:slug>/", area_views.area_detail, name="area"),
    path("cameras/<int:pk>/", camera_views.camera_detail, name="camera"),
    path("data/", camera_views.downloads, name="downloads"),
    path("data/<str:name>", camera_views.download, name="download"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("api.urls")),
    path("review/export.osm", views_osm.osm_export, name="review-export-osm"),
    path("", include("cameramap.cameras.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", site_views.two_factor, name="two-factor"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "cameramap.views.not_found"
handler500 = "cameramap.views.server_error"

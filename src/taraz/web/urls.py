"""Addresses: the pages in Persian at / and in English at /en/; the API at /api/v1/ (both
languages in every answer)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from taraz.web.api.views import api

urlpatterns = [
    path("api/v1/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("taraz.web.dashboard.urls")),
    path("desk/", include("taraz.web.datadesk.urls")),
    path("accounts/", include("taraz.web.accounts.urls")),
    path("exporters/", include("taraz.web.exporters.urls")),
    path("cases/", include("taraz.web.cases.urls")),
    path("procedures/", include("taraz.web.cases.public_urls")),
    path("certificates/", include("taraz.web.certificates.urls")),
    path("verify/", include("taraz.web.certificates.verify_urls")),
    path("workshops/", include("taraz.web.workshops.urls")),
    prefix_default_language=False,
)

handler400 = "taraz.web.site.views.bad_request"
handler403 = "taraz.web.site.views.permission_denied"
handler404 = "taraz.web.site.views.page_not_found"
handler500 = "taraz.web.site.views.server_error"

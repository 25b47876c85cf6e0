from django.urls import path

from taraz.web.certificates import checker

app_name = "verify"
urlpatterns = [
    path("", checker.verify_page, name="page"),
    path("check", checker.check, name="check"),
]

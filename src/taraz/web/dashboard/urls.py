from django.urls import path

from taraz.web.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("definitions/", views.definitions, name="definitions"),
    path("bulletin.<str:fmt>", views.bulletin_document, name="bulletin"),
]

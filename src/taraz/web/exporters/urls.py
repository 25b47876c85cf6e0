from django.urls import path

from taraz.web.exporters import views

app_name = "exporters"
urlpatterns = [
    path("", views.exporter_list, name="list"),
    path("<int:pk>/", views.profile, name="profile"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/size/", views.declare_size, name="declare_size"),
    path("<int:pk>/hs/", views.add_hs, name="add_hs"),
    path("<int:pk>/hs/remove/", views.remove_hs, name="remove_hs"),
    path("<int:pk>/markets/", views.set_market, name="set_market"),
    path("<int:pk>/verify/", views.verify, name="verify"),
    path("<int:pk>/invite/", views.invite, name="invite"),
]

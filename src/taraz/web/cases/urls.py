from django.urls import path

from taraz.web.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.home, name="home"),
    path("queue/", views.queue, name="queue"),
    path("body/", views.body_queue, name="body_queue"),
    path("decisions/", views.decisions, name="decisions"),
    path("new/<slug:code>/", views.new_case, name="new"),
    path("closures/", views.closures, name="closures"),
    path("closures/<int:pk>/remove/", views.remove_closure, name="remove_closure"),
    path("<int:pk>/", views.case_page, name="case"),
    path("<int:pk>/do/<slug:action>/", views.act, name="act"),
    path("<int:pk>/documents/", views.upload, name="upload"),
    path("<int:pk>/documents/<int:doc>/", views.document, name="document"),
]

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

from taraz.web.datadesk import views

app_name = "datadesk"
urlpatterns = [
    path("", views.home, name="home"),
    # one sign-in for everyone (taraz.web.accounts); the old address still leads there
    path(
        "login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("upload/", views.upload, name="upload"),
    path("jobs/<int:job_id>/", views.job, name="job"),
    path("jobs/<int:job_id>.json", views.job_status, name="job_status"),
    path("jobs/<int:job_id>/confirm/", views.confirm_revision, name="confirm_revision"),
    path("jobs/<int:job_id>/dismiss/", views.dismiss_revision, name="dismiss_revision"),
    path("batches/<str:batch_id>/", views.batch, name="batch"),
    path("batches/<str:batch_id>/revert/", views.revert, name="revert"),
    path("batches/<str:batch_id>/quarantine.xlsx", views.quarantine_xlsx, name="quarantine"),
    path("audit/", views.audit, name="audit"),
]

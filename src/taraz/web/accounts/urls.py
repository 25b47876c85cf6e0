from django.contrib.auth import views as auth_views
from django.urls import path

from taraz.web.accounts import views
from taraz.web.accounts.signin import ThrottledLoginView

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("2fa/enrol/", views.otp_enrol, name="otp_enrol"),
    path("2fa/verify/", views.otp_verify, name="otp_verify"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/<slug:code>/", views.body, name="body"),
    path("bodies/<slug:code>/members/", views.start_membership, name="start_membership"),
    path("bodies/<slug:code>/invite/", views.invite, name="invite"),
    path("memberships/<int:pk>/end/", views.end_membership, name="end_membership"),
    path("invitations/<int:pk>/revoke/", views.revoke, name="revoke_invitation"),
]

from django.urls import path

from taraz.web.workshops import views

app_name = "workshops"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("calendar.ics", views.feed, name="feed"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("<int:pk>/", views.event_page, name="event"),
    path("<int:pk>.ics", views.event_ics, name="event_ics"),
    path("booking/<str:token>/", views.booking, name="booking"),
    path("booking/<str:token>/certificate.pdf", views.booking_pdf, name="booking_pdf"),
    path("booking/<str:token>/do/<slug:action>/", views.booking_action, name="booking_action"),
    path("mine/", views.mine, name="mine"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/new/", views.edit, name="new"),
    path("staff/<int:pk>/", views.manage, name="manage"),
    path("staff/<int:pk>/edit/", views.edit, name="edit"),
    path("staff/<int:pk>/sessions/", views.add_session, name="add_session"),
    path(
        "staff/<int:pk>/certificates/<int:registration>.pdf",
        views.staff_certificate_pdf,
        name="certificate_pdf",
    ),
    path("staff/<int:pk>/do/<slug:action>/", views.change, name="change"),
    path(
        "staff/<int:pk>/sessions/<int:session>/attendance/",
        views.attendance,
        name="attendance",
    ),
]

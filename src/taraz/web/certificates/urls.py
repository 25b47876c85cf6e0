from django.urls import path

from taraz.web.certificates import views

app_name = "certificates"
urlpatterns = [
    path("", views.certificate_list, name="list"),
    path("issue/<int:case_id>/", views.issue, name="issue"),
    path("<str:number>/", views.certificate_page, name="certificate"),
    path("<str:number>/pdf", views.certificate_pdf, name="pdf"),
    path("<str:number>/do/<slug:action>/", views.change, name="change"),
]

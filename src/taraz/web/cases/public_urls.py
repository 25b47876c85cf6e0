from django.urls import path

from taraz.web.cases import public

app_name = "procedures"
urlpatterns = [
    path("", public.procedure_list, name="list"),
    path("<slug:code>/", public.procedure_detail, name="detail"),
]

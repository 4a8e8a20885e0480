from django.urls import path

from heartwork.checkin import views

app_name = "checkin"
urlpatterns = [
    path("", views.page, name="page"),
]

from django.urls import path

from heartwork.privacy import views

app_name = "privacy"
urlpatterns = [
    path("export/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
]

from django.urls import path

from heartwork.wellbeing import views

app_name = "wellbeing"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:check_id>/", views.check_page, name="check"),
]

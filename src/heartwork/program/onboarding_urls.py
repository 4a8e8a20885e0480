from django.urls import path

from heartwork.program import onboarding_views

app_name = "onboarding"
urlpatterns = [
    path("", onboarding_views.situation, name="situation"),
    path("plan/", onboarding_views.plan, name="plan"),
]

from django.urls import path

from heartwork.accounts import language, views

app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.HeartworkLoginView.as_view(), name="login"),
    path("logout/", views.HeartworkLogoutView.as_view(), name="logout"),
    path("", views.account, name="account"),
    path("password/", views.password_change, name="password_change"),
    path("confirm/", views.confirm, name="confirm"),
    path("discreet/", views.discreet_mode, name="discreet_mode"),
    path("time-zone/", views.time_zone, name="time_zone"),
    path("language/", language.set_language, name="language"),
    path("tokens/", views.token_create, name="token_create"),
    path("tokens/<uuid:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]

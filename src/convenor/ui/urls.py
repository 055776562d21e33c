"""URLs of the ui app."""

from django.urls import path

from convenor.ui import views

app_name = "ui"
urlpatterns = [
    path("after-sign-in/", views.after_sign_in, name="after_sign_in"),
]

from django.urls import include, path

from accounts import views

urlpatterns = [
    path("accounts/invitation/<str:token>/", views.invitation, name="account_invitation"),
    path("accounts/", include("allauth.urls")),
]

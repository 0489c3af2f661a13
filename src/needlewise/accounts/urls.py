from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from needlewise.accounts import passkey_views, security_views, signin_views, views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.sign_up, name="sign_up"),
    path("login/", security_views.LoginView.as_view(), name="login"),
    path("login/second-factor/", security_views.login_factor, name="login_factor"),
    path("login/passkey/options/", passkey_views.login_options, name="passkey_login_options"),
    path("login/passkey/", passkey_views.log_in, name="passkey_login"),
    path("security/", security_views.security, name="security"),
    path("security/passkeys/options/", passkey_views.register_options, name="passkey_options"),
    path("security/passkeys/", passkey_views.register, name="passkey_register"),
    path("security/passkeys/<int:passkey_id>/remove/", passkey_views.remove, name="passkey_remove"),
    path("security/confirm/options/", passkey_views.confirm_options, name="confirm_options"),
    path("security/app/", security_views.totp_setup, name="totp_setup"),
    path("security/app/remove/", security_views.totp_remove, name="totp_remove"),
    path("security/recovery-codes/", security_views.recovery_codes, name="recovery_codes"),
    path("security/recovery-codes/new/", security_views.codes_renew, name="codes_renew"),
    path("security/require/", security_views.requirement_on, name="requirement_on"),
    path("security/require/off/", security_views.requirement_off, name="requirement_off"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("tokens/", views.token_create, name="token_create"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("password/", signin_views.PasswordChangeView.as_view(), name="password_change"),
    path("devices/", signin_views.devices, name="devices"),
    path("devices/<int:sign_in_id>/sign-out/", signin_views.sign_out, name="sign_out"),
    path("devices/sign-out-others/", signin_views.sign_out_others, name="sign_out_others"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]

"""Account forms. Labels and errors are tied to their fields for screen readers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from heartwork import languages
from heartwork.accounts.models import User
from heartwork.accounts.services import normalize_email
from heartwork.core.timezones import zone_names


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=1024,
        help_text=_("At least 10 characters. A short sentence is easy to remember."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=1024,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    # Starts at the browser's language when Heartwork speaks it (the view sets initial);
    # left out of a post, the browser's language too.
    language = forms.ChoiceField(label=_("Language"), choices=languages.LANGUAGES, required=False)

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email=email).exists():
            raise ValidationError(_("An account with this email already exists. Log in instead?"))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password, again = data.get("password"), data.get("password_again")
        # Every problem at once: a bad email must not hide a weak password until the next try.
        if password:
            try:
                validate_password(password, User(email=data.get("email", "")))
            except ValidationError as exc:
                self.add_error("password", exc)
        if password and again and password != again:
            self.add_error("password_again", _("The two passwords are not the same."))
        return data


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def clean_username(self) -> str:
        return normalize_email(self.cleaned_data["username"])


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=1024,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


class NewTokenForm(forms.Form):
    label = forms.CharField(
        label=_("Name for this token"),
        max_length=60,
        required=False,
        help_text=_("For example, the app or script that will use it."),
    )


class DiscreetModeForm(forms.Form):
    """One button on the account page: the wanted state travels in a hidden field.

    Sending the state, not "toggle", makes a double-click or a resent form harmless.
    """

    discreet_mode = forms.TypedChoiceField(
        choices=[("on", _("On")), ("off", _("Off"))],
        coerce=lambda value: value == "on",
        widget=forms.HiddenInput,
    )


class TimeZoneForm(forms.Form):
    """The person's time zone: where their days start and end, and how times are shown."""

    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        default = _("The server's default (%(zone)s)") % {"zone": settings.TIME_ZONE}
        field = self.fields["time_zone"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", default), *((name, name.replace("_", " ")) for name in zone_names())]


class LanguageForm(forms.Form):
    """The language pages, the program and the API answer in."""

    language = forms.ChoiceField(label=_("Language"), choices=languages.LANGUAGES)


class ChangePasswordForm(PasswordChangeForm):
    """Checks the old password through authenticate(), so misses count towards the lock-out.

    Django's form calls user.check_password() directly, which the brute-force
    lock never sees: on an unlocked phone that would allow endless guesses.
    """

    def __init__(self, user: User, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        old_password: str = self.cleaned_data["old_password"]
        checked = authenticate(self.request, username=self.user.email, password=old_password)
        if checked is None or checked.pk != self.user.pk:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password

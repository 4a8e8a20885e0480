"""People who use Heartwork, and the API tokens they hold."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heartwork import languages
from heartwork.core.models import DataKey

LANGUAGES = list(languages.LANGUAGES)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        # Imported here: services import this module for the model.
        from heartwork.accounts.services import create_account

        return create_account(email=email, password=password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_("email"), max_length=254, unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Someone else may read this phone: when on, page titles and the header name are
    # neutral (heartwork.web.discreet). Changed only through services.set_discreet_mode.
    discreet_mode = models.BooleanField(_("discreet mode"), default=True)
    # Two letters (ISO 3166), for the help lines shown; blank shows the international list.
    country = models.CharField(_("country"), max_length=2, blank=True, default="")
    # An IANA zone name ("Europe/Dublin") for showing times and counting local days; blank
    # means settings.TIME_ZONE. Read through accounts.selectors.zone_of.
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True, default="")
    # The language pages, content and API answers are in (heartwork.languages), applied on
    # every request by accounts.language.UserLanguageMiddleware.
    language = models.CharField(
        _("language"), max_length=8, choices=LANGUAGES, default=languages.DEFAULT
    )
    # Encrypts everything this person writes. PROTECT: it is removed on purpose,
    # after the user's rows, by the account deletion service.
    data_key = models.OneToOneField(DataKey, on_delete=models.PROTECT, related_name="+")

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email


class ApiToken(models.Model):
    """A bearer token for API clients. Only a SHA-256 digest of it is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters, so a person can tell their tokens apart on the settings page.
    prefix = models.CharField(max_length=12, editable=False)
    label = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"

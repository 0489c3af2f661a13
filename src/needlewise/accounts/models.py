"""People who use Needlewise: the login identity, the profile, and personal API tokens."""

from __future__ import annotations

import zoneinfo

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class UserManager(BaseUserManager["User"]):
    """Users are identified by e-mail address; there is no separate user name."""

    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        """Log-in finds the account whatever the case of the address typed (`A@x` is `a@x`)."""
        return self.get(email__iexact=(username or "").strip())


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField("e-mail address", unique=True)
    #: Moves on every change to what this person's pages show (accounts.revisions), so reads
    #: derived from their records can be cached under it and are never served stale.
    data_revision = models.PositiveBigIntegerField(default=0, db_default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()  # type: ignore[misc]

    def __str__(self) -> str:
        return self.email


class SkinType(models.IntegerChoices):
    """Fitzpatrick skin phototypes, described by how the skin reacts to sun."""

    I = 1, "Type 1: always burns, never tans (very fair)"  # noqa: E741
    II = 2, "Type 2: usually burns, tans with difficulty (fair)"
    III = 3, "Type 3: sometimes burns, tans gradually (medium)"
    IV = 4, "Type 4: rarely burns, tans easily (olive)"
    V = 5, "Type 5: very rarely burns, tans very easily (brown)"
    VI = 6, "Type 6: never burns (dark brown to black)"


class Units(models.TextChoices):
    METRIC = "metric", "Metric (°C, mm)"
    US = "us", "US (°F, mm)"


class Currency(models.TextChoices):
    """The currencies a person can keep their costs in (ISO 4217 codes)."""

    EUR = "EUR", "Euro (EUR, €)"
    USD = "USD", "US dollar (USD, $)"
    GBP = "GBP", "Pound sterling (GBP, £)"
    CHF = "CHF", "Swiss franc (CHF)"
    CAD = "CAD", "Canadian dollar (CAD, CA$)"
    AUD = "AUD", "Australian dollar (AUD, A$)"
    NZD = "NZD", "New Zealand dollar (NZD, NZ$)"
    SEK = "SEK", "Swedish krona (SEK, kr)"
    NOK = "NOK", "Norwegian krone (NOK, kr)"
    DKK = "DKK", "Danish krone (DKK, kr)"
    PLN = "PLN", "Polish złoty (PLN, zł)"


class Profile(models.Model):
    """What the rules need to know about a person, kept apart from the login identity."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=80, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    birth_date = models.DateField(null=True, blank=True)
    skin_type = models.PositiveSmallIntegerField(
        choices=SkinType.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    units = models.CharField(max_length=10, choices=Units.choices, default=Units.METRIC)
    #: What the cost of home care is shown in; amounts are stored as typed, never converted.
    currency = models.CharField(
        max_length=3, choices=Currency.choices, default=Currency.EUR, db_default=Currency.EUR
    )
    #: The person asked that their last second factor can never be removed by accident: while
    #: on, the account keeps one (turning it off needs the password and a fresh factor).
    require_second_factor = models.BooleanField(default=False, db_default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.display_name or self.user.email

    @property
    def name(self) -> str:
        """How to greet the person: their display name, else the part of the e-mail before @."""
        return self.display_name or self.user.email.split("@", 1)[0]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The person's time zone, UTC when it is missing or unknown: their days are local."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")


def zone_of(user: User) -> zoneinfo.ZoneInfo:
    """The person's time zone from their profile (read once per user object), UTC without one."""
    profile = getattr(user, "profile", None)
    return profile.zone if profile is not None else zoneinfo.ZoneInfo("UTC")


class ApiToken(models.Model):
    """A personal API token for scripts. Only a SHA-256 digest of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60)
    prefix = models.CharField(max_length=12, help_text="Shown so the person can tell tokens apart")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class TotpDevice(models.Model):
    """An authenticator app (RFC 6238, 30-second codes). The shared secret must be readable to
    check codes, so it is stored as is; `last_step` refuses a code used once already."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp")
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_step = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"authenticator app of {self.user}"


class RecoveryCode(models.Model):
    """One of ten one-time codes shown once; only a SHA-256 digest is kept (80 random bits, so
    a digest cannot be guessed back)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "digest"], name="recovery_code_once_per_user")
        ]

    def __str__(self) -> str:
        return f"recovery code of {self.user}"


class Passkey(models.Model):
    """A WebAuthn credential: the authenticator keeps the private key, we keep the public one."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="passkeys")
    name = models.CharField(max_length=60)
    credential_id = models.CharField(max_length=1400, unique=True, help_text="base64url")
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"passkey {self.name} of {self.user}"


class SignIn(models.Model):
    """One signed-in browser, so the person can see it and sign it out. Only the network (the
    address's /24 or /48) is kept, never the whole address."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_ins")
    session_key = models.CharField(max_length=40, unique=True)
    browser = models.CharField(max_length=80)
    network = models.CharField(max_length=50, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.browser} of {self.user} at {self.at:%c}"


class Throttle(models.Model):
    """One counter of `accounts.throttle` when no Redis is set: how often something happened
    under one key (a client address, an e-mail address) since `since`. The key is a digest, so
    no address is stored here."""

    key = models.CharField(max_length=64, unique=True)
    since = models.DateTimeField()
    last_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["last_at"], name="throttle_last_at")]

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.count} since {self.since:%Y-%m-%d %H:%M}"

"""Bodies (the organization, the chamber, associations, regulators, laboratories), who belongs to
them in which role and from when to when, who belongs to which exporter, and invitations.

A membership is a fact with a start and, later, an end: the end is written once and nothing
else of the row ever changes (`services` refuses it and audits the refusal; `save` refuses it
too, whoever calls). A change of role is one membership ended and another started.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from taraz.errors import TarazError


class BodyKind(models.TextChoices):
    ORGANIZATION = "organization", "organization"
    CHAMBER = "chamber", "chamber"
    ASSOCIATION = "association", "trade association"
    REGULATOR = "regulator", "regulator"
    LABORATORY = "laboratory", "test laboratory"


class Role(models.TextChoices):
    """A person's role at a body. The first four are the organization's own staff; reviewer and
    head belong to any body that advises on cases (a head countersigns)."""

    OFFICER = "officer", "officer"
    SIGNATORY = "signatory", "signatory"
    ADMINISTRATOR = "administrator", "administrator"
    AUDITOR = "auditor", "auditor"
    REVIEWER = "reviewer", "reviewer"
    HEAD = "head", "head"


ORGANIZATION_ROLES = frozenset({Role.OFFICER, Role.SIGNATORY, Role.ADMINISTRATOR, Role.AUDITOR})
BODY_ROLES = frozenset({Role.REVIEWER, Role.HEAD})
# who must sign in with a second factor (TOTP)
TWO_FACTOR_ROLES = frozenset({Role.SIGNATORY, Role.ADMINISTRATOR})


class ExporterRole(models.TextChoices):
    ADMIN = "admin", "admin"  # invites and ends the firm's members
    MEMBER = "member", "member"


class Body(models.Model):
    code = models.SlugField(max_length=40, unique=True, help_text="Stable code: yazd-mimt, ...")
    kind = models.CharField(max_length=20, choices=BodyKind.choices)
    name_fa = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    province = models.CharField(max_length=5, blank=True, help_text="ISO 3166-2, IR-21")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ("kind", "code")

    def __str__(self) -> str:
        return self.code

    def name(self, lang: str) -> str:
        return self.name_fa if lang == "fa" else self.name_en


class SpanQuerySet(models.QuerySet):
    """Rows with a `start` and an `end` day: holding on a day when start <= day < end."""

    def current(self, on: date | None = None) -> SpanQuerySet:
        day = on or timezone.localdate()
        return self.filter(Q(end__isnull=True) | Q(end__gt=day), start__lte=day)


class EndedNotEdited(models.Model):
    """A span that is ended, never edited: only `end` (with who and when) may be written, and
    only once."""

    IDENTITY: tuple[str, ...] = ()
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="The first day it no longer holds.")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)

    objects = SpanQuerySet.as_manager()

    class Meta:
        abstract = True

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._adding():
            self._refuse_edits()
        super().save(*args, **kwargs)

    def _adding(self) -> bool:
        return self._state.adding

    def _refuse_edits(self) -> None:
        before = type(self)._default_manager.filter(pk=self.pk).values().first()
        if before is None:
            return
        fixed = (*self.IDENTITY, "start", "started_by_id", "started_at")
        changed = [f for f in fixed if before[f] != getattr(self, f)]
        if before["end"] is not None:
            changed += [
                f
                for f in ("end", "ended_by_id", "ended_at", "end_reason")
                if before[f] != getattr(self, f)
            ]
        if changed:
            raise TarazError("accounts.ended-not-edited", fields=", ".join(sorted(changed)))

    def delete(self, *args, **kwargs):
        raise TarazError("accounts.ended-not-edited", fields="delete")


class Membership(EndedNotEdited):
    IDENTITY = ("user_id", "body_id", "role")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ("body", "role", "start", "id")
        indexes = (models.Index(fields=["user", "role"]),)
        constraints = (
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_ends_after_start",
            ),
        )

    def __str__(self) -> str:
        return f"membership:{self.pk} {self.user_id}@{self.body_id} {self.role}"


class ExporterMembership(EndedNotEdited):
    IDENTITY = ("user_id", "exporter_id", "role")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="exporter_memberships"
    )
    # by name: accounts never imports the exporters app (it imports our services)
    exporter = models.ForeignKey(
        "taraz_exporters.Exporter", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=ExporterRole.choices)

    class Meta:
        ordering = ("exporter", "role", "start", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="exporter_membership_ends_after_start",
            ),
        )

    def __str__(self) -> str:
        return f"exporter-membership:{self.pk} {self.user_id}@{self.exporter_id} {self.role}"


class Invitation(models.Model):
    """An invitation to join a body in a role, or an exporter as admin or member. The token is
    shown once, to whoever made it; only its SHA-256 is kept. Used once, before it expires."""

    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="Digits, 09xxxxxxxxx")
    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="invitations"
    )
    role = models.CharField(max_length=20, blank=True, choices=Role.choices)
    exporter = models.ForeignKey(
        "taraz_exporters.Exporter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    exporter_role = models.CharField(max_length=10, blank=True, choices=ExporterRole.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=(
                    Q(body__isnull=False, exporter__isnull=True)
                    | Q(body__isnull=True, exporter__isnull=False)
                ),
                name="invitation_to_one_body_or_exporter",
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="invitation_has_an_address"
            ),
        )

    def __str__(self) -> str:
        return f"invitation:{self.pk}"

    @property
    def subject(self) -> str:
        return f"invitation:{self.pk}"

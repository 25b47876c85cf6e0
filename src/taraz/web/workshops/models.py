"""Workshops: events with their sessions, registrations (confirmed or on the waiting list),
attendance per session, certificates of attendance and feedback.

Only `services` writes these rows: a registration's status changes there, under the event's
row lock, so a place is never given twice.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class EventStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    PUBLISHED = "published", "published"
    CANCELLED = "cancelled", "cancelled"


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", "confirmed"
    WAITING = "waiting", "on the waiting list"
    CANCELLED = "cancelled", "cancelled"


class Event(models.Model):
    title_fa = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    summary_fa = models.TextField(blank=True)
    summary_en = models.TextField(blank=True)
    topics = models.JSONField(default=list, blank=True, help_text="Short topic words.")
    hs_chapters = models.JSONField(
        default=list, blank=True, help_text="2-digit HS chapters (taraz.reference)."
    )
    markets = models.JSONField(
        default=list, blank=True, help_text="ISO 3166-1 alpha-2 target markets."
    )
    venue_fa = models.CharField(max_length=200, blank=True)
    venue_en = models.CharField(max_length=200, blank=True)
    online = models.BooleanField(default=False)
    online_url = models.URLField(blank=True)
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    registration_opens = models.DateTimeField()
    registration_closes = models.DateTimeField()
    sme_priority = models.BooleanField(
        default=False, help_text="Small and medium firms go first on the waiting list."
    )
    attendance_threshold = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.75"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
        help_text="Share of sessions attended for a certificate (0.01 to 1).",
    )
    status = models.CharField(max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-registration_opens", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(registration_closes__gt=models.F("registration_opens")),
                name="workshop_window",
            ),
        )

    def __str__(self) -> str:
        return self.title_fa

    @property
    def audit_subject(self) -> str:
        return f"workshop:{self.pk}"


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    title_fa = models.CharField(max_length=200, blank=True)
    title_en = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("event", "starts_at", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="workshop_session_span"
            ),
        )


class Registration(models.Model):
    """One person's place at an event: a firm's member (with the firm) or a member of the
    public (name, e-mail, phone). `person` is who it is (`user:5` or `email:a@b.ir`): one
    registration that is not cancelled per person per event. `queued_at` orders the waiting
    list (after the SME priority, where the event gives it)."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    person = models.CharField(max_length=220)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    exporter = models.ForeignKey(
        "taraz_exporters.Exporter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workshop_registrations",
    )
    sme = models.BooleanField(default=False, help_text="The firm's size class on registering.")
    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    token = models.CharField(max_length=64, unique=True, help_text="The booking's own link.")
    status = models.CharField(max_length=10, choices=BookingStatus.choices)
    queued_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("event", "queued_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=~Q(status="cancelled"),
                name="workshop_one_registration",
            ),
        )
        indexes = (models.Index(fields=["event", "status"]),)

    def __str__(self) -> str:
        return f"{self.event_id}:{self.person}"

    @property
    def audit_subject(self) -> str:
        return f"registration:{self.pk}"


class Attendance(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="attendance"
    )
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendance")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["registration", "session"], name="workshop_attended_once"
            ),
        )


class AttendanceCertificate(models.Model):
    """A signed certificate of attendance (`taraz.credentials`, kind `attendance`)."""

    registration = models.OneToOneField(
        Registration, on_delete=models.PROTECT, related_name="certificate"
    )
    number = models.CharField(max_length=20, unique=True)
    check_code = models.CharField(max_length=8)
    claims = models.JSONField()
    token = models.TextField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)


class Feedback(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.PROTECT, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True, max_length=2000)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="workshop_rating"
            ),
        )

"""The exporters' registry: a firm by its commercial card (the warehouse's `trader_id`), its
size declared over time, its HS lines and its export markets, each change a new row.

Only `services` writes these rows; a firm's own people see and edit only their own firm.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class SizeClass(models.TextChoices):
    MICRO = "micro", "micro"
    SMALL = "small", "small"
    MEDIUM = "medium", "medium"
    LARGE = "large", "large"


class MarketStatus(models.TextChoices):
    EXPORTING = "exporting", "exporting"
    TARGET = "target", "target"
    NOT_INTERESTED = "not_interested", "not interested"


class Exporter(models.Model):
    card_number = models.CharField(
        max_length=11, unique=True, help_text="Commercial card number = the warehouse's trader_id"
    )
    card_expires = models.DateField(null=True, blank=True)
    national_id = models.CharField(
        max_length=11, blank=True, help_text="The company's national id (شناسه ملی), 11 digits"
    )
    name_fa = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    province = models.CharField(max_length=5, blank=True, help_text="ISO 3166-2 (IR-21)")
    city = models.CharField(max_length=100, blank=True)
    active = models.BooleanField(default=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name_fa", "card_number")
        constraints = (
            models.UniqueConstraint(
                fields=["national_id"], condition=~Q(national_id=""), name="exporter_national_id"
            ),
        )

    def __str__(self) -> str:
        return f"exporter:{self.pk} {self.card_number}"

    @property
    def subject(self) -> str:
        return f"exporter:{self.pk}"

    def name(self, lang: str) -> str:
        return self.name_fa if lang == "fa" or not self.name_en else self.name_en


class SizeDeclaration(models.Model):
    """Employees declared on a day, and the size class the bands in force gave them."""

    exporter = models.ForeignKey(Exporter, on_delete=models.PROTECT, related_name="sizes")
    employees = models.PositiveIntegerField()
    declared_on = models.DateField()
    size_class = models.CharField(max_length=10, choices=SizeClass.choices)
    bands = models.CharField(max_length=60, help_text="The size bands' name and edition used")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("exporter", "-declared_on", "-id")


class HsLine(models.Model):
    """An HS code the firm makes or exports (4, 6 or 8 digits); removing it keeps the row."""

    exporter = models.ForeignKey(Exporter, on_delete=models.PROTECT, related_name="hs_lines")
    hs_code = models.CharField(max_length=10)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("exporter", "hs_code", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["exporter", "hs_code"],
                condition=Q(removed_at__isnull=True),
                name="exporter_hs_line_once",
            ),
        )


class Market(models.Model):
    """The firm's stance on a country from a day on; a change is a new row, the latest (by day,
    then by when it was recorded) is the one in force."""

    exporter = models.ForeignKey(Exporter, on_delete=models.PROTECT, related_name="markets")
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    status = models.CharField(max_length=16, choices=MarketStatus.choices)
    on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("exporter", "country", "-on", "-id")

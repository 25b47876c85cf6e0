"""Deterministic factories of people, bodies, firms and memberships (factory_boy sequences:
the same data every run, never random)."""

from __future__ import annotations

from datetime import date

import factory
from django.contrib.auth import get_user_model

from taraz.web.exporters.identifiers import national_id_check_digit

PASSWORD = "a-long-test-password-1404"
START = date(2025, 3, 21)  # 1 Farvardin 1404


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.ir")
    password = factory.django.Password(PASSWORD)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "taraz_accounts.Body"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"body-{n}")
    kind = "association"
    name_fa = factory.Sequence(lambda n: f"نهاد {n}")
    name_en = factory.Sequence(lambda n: f"Body {n}")
    province = "IR-21"


class OrganizationFactory(BodyFactory):
    code = "yazd-mimt"
    kind = "organization"
    name_fa = "سازمان صنعت، معدن و تجارت استان یزد"
    name_en = "Yazd Province Industry, Mine and Trade Organization"


def national_id(n: int) -> str:
    """A valid national id whose first ten digits are 1400000000 + 1000 n."""
    first = f"{1400000000 + 1000 * n:010d}"
    return first + str(national_id_check_digit(first))


class ExporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "taraz_exporters.Exporter"
        django_get_or_create = ("card_number",)

    card_number = factory.Sequence(lambda n: f"121{n + 1:08d}")
    national_id = factory.Sequence(lambda n: national_id(n + 1))
    name_fa = factory.Sequence(lambda n: f"کاشی یزد {n}")
    name_en = factory.Sequence(lambda n: f"Yazd Tile {n}")
    province = "IR-21"
    city = "یزد"
    card_expires = date(2027, 3, 20)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "taraz_accounts.Membership"

    user = factory.SubFactory(UserFactory)
    body = factory.SubFactory(OrganizationFactory)
    role = "officer"
    start = START


class ExporterMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "taraz_accounts.ExporterMembership"

    user = factory.SubFactory(UserFactory)
    exporter = factory.SubFactory(ExporterFactory)
    role = "admin"
    start = START

"""The people of the route matrix, one per role, and a signed-in client for each: anonymous,
two exporters (each the admin of its own firm), a person of a body a case is routed to and of
one it is not, an officer, a signatory, an auditor, an administrator (the last two sign in with
TOTP, verified in their session) and a data desk staff member."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.test import Client

from tests.web.factories import (
    BodyFactory,
    ExporterFactory,
    ExporterMembershipFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

ROLES = (
    "anonymous",
    "exporter_a",
    "exporter_b",
    "body_routed",
    "body_other",
    "officer",
    "signatory",
    "auditor",
    "administrator",
    "staff",
)
TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test secret, as hex


@dataclass
class World:
    """Everything the matrix's routes point at, and a user per role."""

    users: dict = field(default_factory=dict)
    organization: object = None
    body_routed: object = None
    body_other: object = None
    exporter_a: object = None
    exporter_b: object = None
    invitation_token: str = ""
    extra: dict = field(default_factory=dict)

    def client(self, role: str) -> Client:
        client = Client()
        user = self.users.get(role)
        if user is not None:
            client.force_login(user)
            device = self.extra.get(f"device:{role}")
            if device is not None:
                verified(client, device)
        return client


def totp_device(user, key: str = TOTP_KEY):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="authenticator", key=key, confirmed=True)


def verified(client: Client, device) -> None:
    """The client's session has checked its second factor with `device`, just now."""
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session["taraz_2fa_at"] = time.time()
    session.save()


def build_world() -> World:
    world = World()
    world.organization = OrganizationFactory()
    world.body_routed = BodyFactory(code="yazd-chamber", kind="chamber")
    world.body_other = BodyFactory(code="yazd-inso", kind="regulator")
    world.exporter_a = ExporterFactory()
    world.exporter_b = ExporterFactory()
    for role in ROLES[1:]:
        world.users[role] = UserFactory(username=role, is_staff=role == "staff")
    ExporterMembershipFactory(user=world.users["exporter_a"], exporter=world.exporter_a)
    ExporterMembershipFactory(user=world.users["exporter_b"], exporter=world.exporter_b)
    MembershipFactory(user=world.users["body_routed"], body=world.body_routed, role="reviewer")
    MembershipFactory(user=world.users["body_other"], body=world.body_other, role="reviewer")
    for role in ("officer", "signatory", "auditor", "administrator"):
        MembershipFactory(user=world.users[role], body=world.organization, role=role)
    for role in ("signatory", "administrator"):
        world.extra[f"device:{role}"] = totp_device(world.users[role])
    return world

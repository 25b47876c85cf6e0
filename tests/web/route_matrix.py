"""The expected HTTP status of every route for every role: the one table the route test
(`test_route_matrix.py`) checks, and fails on a route missing from it.

A row is `route name -> Route(expect={role: status}, ...)`: `kwargs` name the URL's arguments
as attributes of the test's `World` (`"exporter_a.pk"`), `method` and `data` say how to ask,
`query` what to add to the address. Statuses: 200 shown, 302 sent elsewhere (to sign in, or
after a change), 400 a form's bad input shown again, 403 seen but not allowed, 404 not theirs
(another firm's object answers as if it did not exist), 405 not this method.

To add a route: add a row here in the same commit; roles left out of `expect` take `default`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.fixtures import TRADE_PERIOD as PERIOD
from tests.web.roles import ROLES

ORG_STAFF = ("officer", "signatory", "auditor", "administrator")
NOT_THEIRS = ("exporter_b", "body_routed", "body_other", "staff")  # of exporter A's firm


@dataclass(frozen=True)
class Route:
    expect: dict[str, int]
    kwargs: dict[str, str] = field(default_factory=dict)
    method: str = "get"
    query: str = ""
    data: dict[str, str] = field(default_factory=dict)


def statuses(default: int, *groups: tuple[tuple[str, ...] | str, int]) -> dict[str, int]:
    """Every role at `default`, then each (roles, status) of `groups` over it."""
    out = dict.fromkeys(ROLES, default)
    for roles, status in groups:
        for role in (roles,) if isinstance(roles, str) else roles:
            out[role] = status
    return out


PUBLIC = statuses(200)
SIGNED_IN = statuses(200, ("anonymous", 302))
DESK = statuses(403, ("anonymous", 302), ("staff", 200))
BODIES_READ = statuses(403, ("anonymous", 302), (("administrator", "auditor"), 200))
BODIES_WRITE = statuses(403, ("anonymous", 302), ("administrator", 400))
FIRM_A = {"pk": "exporter_a.pk"}
# a change to exporter A's profile with an empty form: its people and an officer see the
# form's messages; the organization's other people may look but not change; others: 404
PROFILE_WRITE = statuses(
    403, ("anonymous", 302), (NOT_THEIRS, 404), (("exporter_a", "officer"), 400)
)

ROUTED_BODIES = ("body_routed", "body_other")  # a reviewer at a body cases go to
CASE_A = {"pk": "case.pk"}
CASE_UNSEEN = ("exporter_b", "body_other", "staff")
CERT_A = {"number": "certificate.number"}
CERT_UNSEEN = ("exporter_b", "body_routed", "body_other", "staff")
WORKSHOP = {"pk": "workshop.pk"}
BOOKING_A = {"token": "workshop_booking.token"}
ORGANIZERS = ("officer", "administrator")
WORKSHOP_DESK = statuses(403, ("anonymous", 302), (ORG_STAFF, 200))
WORKSHOP_RUN = statuses(403, ("anonymous", 302), (ORGANIZERS, 200))

MATRIX: dict[str, Route] = {
    # -- the public dashboard and API
    "dashboard:home": Route(PUBLIC, query=f"period={PERIOD}"),
    "dashboard:definitions": Route(PUBLIC),
    "dashboard:bulletin": Route(PUBLIC, kwargs={"fmt": "=xlsx"}, query=f"period={PERIOD}"),
    "api:index": Route(PUBLIC),
    "api:api-root": Route(PUBLIC),
    "api:openapi-json": Route(PUBLIC),
    "api:openapi-view": Route(PUBLIC),
    "api:status": Route(PUBLIC),
    "api:all_figures": Route(PUBLIC, query=f"period={PERIOD}"),
    "api:totals": Route(PUBLIC, query=f"period={PERIOD}"),
    "api:monthly": Route(PUBLIC, query=f"period={PERIOD}"),
    "api:breakdown": Route(PUBLIC, kwargs={"dimension": "=sector"}, query=f"period={PERIOD}"),
    "api:top": Route(PUBLIC, kwargs={"ranking": "=export_destinations"}, query=f"period={PERIOD}"),
    "api:concentration": Route(PUBLIC, query=f"period={PERIOD}"),
    "api:unit_values": Route(PUBLIC, query=f"period={PERIOD}"),
    "api:attribution": Route(PUBLIC, query=f"period={PERIOD}&province=IR-21"),
    "api:coverage": Route(PUBLIC, query=f"period={PERIOD}"),
    "api:code_list": Route(PUBLIC, kwargs={"name": "=sectors"}),
    "api:one_code": Route(PUBLIC, kwargs={"name": "=countries", "code": "=IQ"}),
    # -- the data desk: staff only
    "datadesk:home": Route(DESK),
    "datadesk:login": Route(statuses(302)),
    "datadesk:logout": Route(statuses(302), method="post"),
    "datadesk:upload": Route(statuses(403, ("anonymous", 302), ("staff", 302)), method="post"),
    "datadesk:job": Route(DESK, kwargs={"job_id": "job.pk"}),
    "datadesk:job_status": Route(DESK, kwargs={"job_id": "job.pk"}),
    # a held revision confirmed or dismissed: staff are sent back to the job (this one was
    # not held, so the desk says why there); everyone else never reaches it
    "datadesk:confirm_revision": Route(
        statuses(403, ("anonymous", 302), ("staff", 302)),
        kwargs={"job_id": "job.pk"},
        method="post",
    ),
    "datadesk:dismiss_revision": Route(
        statuses(403, ("anonymous", 302), ("staff", 302)),
        kwargs={"job_id": "job.pk"},
        method="post",
    ),
    "datadesk:batch": Route(DESK, kwargs={"batch_id": "=B00001"}),
    "datadesk:revert": Route(DESK, kwargs={"batch_id": "=B00001"}),
    "datadesk:quarantine": Route(DESK, kwargs={"batch_id": "=B00001"}),
    "datadesk:audit": Route(DESK),
    # -- accounts: sign-in, the second factor, invitations, bodies and members
    "accounts:home": Route(SIGNED_IN),
    "accounts:login": Route(PUBLIC),
    "accounts:logout": Route(statuses(302), method="post"),
    "accounts:otp_enrol": Route(SIGNED_IN),
    # those with no authenticator are sent to enrol
    "accounts:otp_verify": Route(statuses(302, (("signatory", "administrator"), 200))),
    "accounts:invitation": Route(PUBLIC, kwargs={"token": "invitation_token"}),
    "accounts:bodies": Route(BODIES_READ),
    "accounts:body": Route(BODIES_READ, kwargs={"code": "body_routed.code"}),
    "accounts:start_membership": Route(
        BODIES_WRITE, kwargs={"code": "body_routed.code"}, method="post"
    ),
    "accounts:invite": Route(BODIES_WRITE, kwargs={"code": "body_routed.code"}, method="post"),
    "accounts:end_membership": Route(
        statuses(403, ("anonymous", 302), ("administrator", 302)),
        kwargs={"pk": "spare_membership.pk"},
        method="post",
    ),
    "accounts:revoke_invitation": Route(
        statuses(403, ("anonymous", 302), ("administrator", 302)),
        kwargs={"pk": "body_invitation.pk"},
        method="post",
    ),
    # -- exporters: exporter A's firm; B, the bodies and the desk's staff do not see it
    "exporters:list": Route(statuses(403, ("anonymous", 302), (ORG_STAFF, 200))),
    "exporters:profile": Route(statuses(200, ("anonymous", 302), (NOT_THEIRS, 404)), kwargs=FIRM_A),
    "exporters:edit": Route(
        statuses(403, ("anonymous", 302), (NOT_THEIRS, 404), (("exporter_a", "officer"), 200)),
        kwargs=FIRM_A,
    ),
    "exporters:declare_size": Route(PROFILE_WRITE, kwargs=FIRM_A, method="post"),
    "exporters:add_hs": Route(PROFILE_WRITE, kwargs=FIRM_A, method="post"),
    "exporters:remove_hs": Route(PROFILE_WRITE, kwargs=FIRM_A, method="post"),
    "exporters:set_market": Route(PROFILE_WRITE, kwargs=FIRM_A, method="post"),
    "exporters:verify": Route(
        statuses(403, ("anonymous", 302), (NOT_THEIRS, 404), ("officer", 302)),
        kwargs=FIRM_A,
        method="post",
    ),
    "exporters:invite": Route(PROFILE_WRITE, kwargs=FIRM_A, method="post"),
    # -- cases: exporter A's case, in review at the routed body (the chamber); the other body,
    # exporter B and the desk's staff do not see it (404)
    "cases:home": Route(SIGNED_IN),
    "cases:queue": Route(statuses(403, ("anonymous", 302), (ORG_STAFF, 200))),
    "cases:body_queue": Route(statuses(403, ("anonymous", 302), (ROUTED_BODIES, 200))),
    "cases:decisions": Route(statuses(403, ("anonymous", 302), ("signatory", 200))),
    "cases:new": Route(
        statuses(403, ("anonymous", 302), (("exporter_a", "exporter_b"), 200)),
        kwargs={"code": "=test-permit"},
    ),
    "cases:case": Route(statuses(200, ("anonymous", 302), (CASE_UNSEEN, 404)), kwargs=CASE_A),
    # an empty advice: the routed body's reviewer sees the form's message; the others who see
    # the case may not advise
    "cases:act": Route(
        statuses(403, ("anonymous", 302), (CASE_UNSEEN, 404), ("body_routed", 400)),
        kwargs={**CASE_A, "action": "=advise"},
        method="post",
    ),
    # an empty upload: the routed body (a test report) sees the form's message; the applicant
    # has nothing to add while no question waits
    "cases:upload": Route(
        statuses(403, ("anonymous", 302), (CASE_UNSEEN, 404), ("body_routed", 400)),
        kwargs=CASE_A,
        method="post",
    ),
    "cases:document": Route(
        statuses(200, ("anonymous", 302), (CASE_UNSEEN, 404)),
        kwargs={**CASE_A, "doc": "case_document.pk"},
    ),
    # the organization's closures: its people see them; an administrator changes them (an
    # empty form is shown again with its messages; the removal of a closure goes back)
    "cases:closures": Route(statuses(403, ("anonymous", 302), (ORG_STAFF, 200))),
    "cases:remove_closure": Route(
        statuses(403, ("anonymous", 302), ("administrator", 302)),
        kwargs={"pk": "closure.pk"},
        method="post",
    ),
    # -- certificates: exporter A's quality certificate (issued), seen by its firm and the
    # organization's people only; a signatory changes it (an empty form is shown again), and
    # issues one for another approved quality-test case of exporter A
    "certificates:list": Route(SIGNED_IN),
    "certificates:certificate": Route(
        statuses(200, ("anonymous", 302), (CERT_UNSEEN, 404)), kwargs=CERT_A
    ),
    "certificates:pdf": Route(statuses(200, ("anonymous", 302), (CERT_UNSEEN, 404)), kwargs=CERT_A),
    "certificates:change": Route(
        statuses(403, ("anonymous", 302), (CERT_UNSEEN, 404), ("signatory", 400)),
        kwargs={**CERT_A, "action": "=suspend"},
        method="post",
    ),
    "certificates:issue": Route(
        statuses(
            403,
            ("anonymous", 302),
            (("exporter_b", "body_other", "staff"), 404),
            ("signatory", 200),
        ),
        kwargs={"case_id": "quality_case.pk"},
    ),
    # the public checker: the page, and its check of a token (an empty one: 400)
    "verify:page": Route(PUBLIC),
    "verify:check": Route(statuses(400), method="post"),
    # -- workshops: a published event with exporter A's registration; the calendar, the event
    # and its .ics are public; the booking's page is its firm's and the organization's (others
    # 404); an empty feedback is shown again to the firm, refused to the organization's people;
    # an officer or an administrator runs the event (publishing it again goes back with a
    # message), the organization's other people only look
    "workshops:calendar": Route(PUBLIC),
    "workshops:feed": Route(PUBLIC),
    "workshops:outcomes": Route(PUBLIC),  # every past published workshop's firms together
    "workshops:event": Route(PUBLIC, kwargs=WORKSHOP),
    "workshops:event_ics": Route(PUBLIC, kwargs=WORKSHOP),
    "workshops:booking": Route(statuses(404, (("exporter_a", *ORG_STAFF), 200)), kwargs=BOOKING_A),
    "workshops:booking_action": Route(
        statuses(404, ("exporter_a", 400), (ORG_STAFF, 403)),
        kwargs={**BOOKING_A, "action": "=feedback"},
        method="post",
    ),
    # a certificate of attendance as PDF (another workshop, over, exporter A's member certified):
    # by the booking's link for whoever sees the booking, and from the staff event page
    "workshops:booking_pdf": Route(
        statuses(404, (("exporter_a", *ORG_STAFF), 200)),
        kwargs={"token": "certified_booking.token"},
    ),
    "workshops:certificate_pdf": Route(
        WORKSHOP_DESK,
        kwargs={"pk": "certified_workshop.pk", "registration": "certified_booking.pk"},
    ),
    "workshops:mine": Route(SIGNED_IN),
    "workshops:staff": Route(WORKSHOP_DESK),
    "workshops:new": Route(WORKSHOP_RUN),
    "workshops:manage": Route(WORKSHOP_DESK, kwargs=WORKSHOP),
    "workshops:edit": Route(WORKSHOP_RUN, kwargs=WORKSHOP),
    "workshops:add_session": Route(
        statuses(403, ("anonymous", 302), (ORGANIZERS, 400)), kwargs=WORKSHOP, method="post"
    ),
    "workshops:change": Route(
        statuses(403, ("anonymous", 302), (ORGANIZERS, 302)),
        kwargs={**WORKSHOP, "action": "=publish"},
        method="post",
    ),
    "workshops:attendance": Route(
        WORKSHOP_DESK, kwargs={**WORKSHOP, "session": "workshop_session.pk"}
    ),
    # -- the public procedure pages
    "procedures:list": Route(PUBLIC),
    "procedures:detail": Route(PUBLIC, kwargs={"code": "=test-permit"}),
    "api:procedures": Route(PUBLIC),
    "api:procedure": Route(PUBLIC, kwargs={"code": "=test-permit"}),
    "api:workshop_outcomes": Route(PUBLIC),
}

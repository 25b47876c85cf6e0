"""The public aggregate of workshop outcomes (docs/workshops.md): every past published
workshop's attendee firms together, the same figures as /workshops/outcomes/."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from taraz.errors import TarazError
from taraz.web.api.responses import error_response, json_response
from taraz.web.workshops import services as workshops

router = Router(tags=["workshops"])


@router.get(
    "/workshops/outcomes",
    summary="Workshop outcomes, every past workshop together / پیامد کارگاه‌ها",
    response={200: dict},
)
def workshop_outcomes(request: HttpRequest):
    try:
        return json_response(workshops.public_outcomes_json())
    except TarazError as exc:
        return error_response(exc)

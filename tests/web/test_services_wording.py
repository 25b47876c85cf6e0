"""Every word the accounts' and exporters' pages ask for is in the site's wording, in Persian
and English; a Persian page of theirs shows no Latin digit outside an isolate or a code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from taraz.web.site.wording import catalogue

WEB = Path(__file__).resolve().parents[2] / "src" / "taraz" / "web"
TEMPLATES = sorted(
    [
        *WEB.glob("accounts/templates/**/*.html"),
        *WEB.glob("exporters/templates/**/*.html"),
        *WEB.glob("cases/templates/**/*.html"),
        *WEB.glob("certificates/templates/**/*.html"),
        *WEB.glob("workshops/templates/**/*.html"),
    ]
)
KEY = re.compile(r"""\{%\s*w\s+["']([a-z_.]+)["']""")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_every_word_a_template_asks_for_exists(template):
    keys = set(KEY.findall(template.read_text("utf-8")))
    assert keys - set(catalogue()) == set()


def test_every_role_kind_size_and_market_has_its_words():
    from taraz.web.accounts.models import BodyKind, ExporterRole, Role
    from taraz.web.exporters.models import MarketStatus, SizeClass

    words = catalogue()
    wanted = [f"account.role_name.{r}" for r in [*Role.values, *ExporterRole.values]]
    wanted += [f"account.kind_name.{k}" for k in BodyKind.values]
    wanted += [f"exporter.size_name.{s}" for s in SizeClass.values]
    wanted += [f"exporter.market_name.{m}" for m in MarketStatus.values]
    from taraz.web.cases.models import Advice, State
    from taraz.web.cases.workflow import ACTIONS

    wanted += [f"case.state.{s}" for s in State.values]
    wanted += [f"case.action.{a}" for a in (*ACTIONS, "create")]
    wanted += [f"case.done.{a}" for a in ACTIONS]
    wanted += [f"case.advice_name.{a}" for a in Advice.values]
    wanted += [f"case.holder.{h}" for h in ("applicant", "organization", "bodies", "closed")]
    from taraz.web.workshops.models import BookingStatus, EventStatus

    wanted += [f"ws.status_name.{s}" for s in (*EventStatus.values, *BookingStatus.values)]
    wanted += [f"ws.done.{s}" for s in (*BookingStatus.values, "publish", "cancel", "certify")]
    from taraz.web.workshops.outcomes import MEASURES, MESSAGES, WINDOWS

    wanted += [f"ws.out.{s}" for s in (*MESSAGES, *MEASURES, *WINDOWS, "too_few")]
    wanted += [f"ws.out.{s}" for s in ("not_loaded", "not_loaded_yet")]
    for kind in ("confirmed", "waiting", "promoted", "cancelled", "event_cancelled"):
        wanted += [f"workshops.notify.{kind}.{part}" for part in ("subject", "text")]
    assert [k for k in wanted if k not in words] == []


@pytest.mark.django_db
def test_a_persian_profile_page_has_no_latin_digit_in_its_text(exporter_a_client, world):
    from taraz.web.exporters import services

    type(world.exporter_a).objects.filter(pk=world.exporter_a.pk).update(
        name_fa="کاشی یزد", name_en="Yazd Tile"
    )
    services.declare_size(world.exporter_a, 37, actor=world.users["exporter_a"])
    services.add_hs_line(world.exporter_a, "690721", actor=world.users["exporter_a"])
    html = exporter_a_client.get(f"/exporters/{world.exporter_a.pk}/").content.decode()
    body = html.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", body)
    text = re.sub(r"\u2068[^\u2069]*\u2069", " ", text)
    assert re.findall(r".{20}[0-9]+", text) == []

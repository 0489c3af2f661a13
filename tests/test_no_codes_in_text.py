"""No page, mail or PDF shows a vocabulary code ("fine_lines", "under_eye", "caution") or a
`[placeholder]` to a person: codes go through `needlewise.rules.labels` (`{{ code|label }}`).

One person with a rich history (the authorisation matrix's world: check, device, plan, session,
check-ins with a red flag, products and an avoided category, a photo, grants to professionals,
plus a rating, a product with an acid, a professional's limits and a late check-in with a red
flag) is shown every page of tests/authz_routes.py as its owner, the professional's pages as each
professional, every mail built for her, and the PDF report. It runs twice: two days after the
session (aftercare running) and on day 22 (after the late check-in)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser
from io import BytesIO

import pytest
import time_machine
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from pypdf import PdfReader

from needlewise.accounts.models import User
from needlewise.devices.models import OwnedDevice
from needlewise.notifications import messages as notification_mail
from needlewise.notifications.models import Notification
from needlewise.portability import emails as deletion_mail
from needlewise.portability.report import report_pdf
from needlewise.products import services as products
from needlewise.progress import services as progress
from needlewise.recovery import services as recovery
from needlewise.recovery.models import CheckIn
from needlewise.reminders import emails as reminder_mail
from needlewise.reminders.models import Reminder
from needlewise.rules import labels
from needlewise.sharing import emails as sharing_mail
from needlewise.sharing import services as sharing
from needlewise.sharing.models import Grant, Invite
from needlewise.treatments import services as treatments
from needlewise.treatments.models import Plan
from tests import authz_routes as declared
from tests.sharing.conftest import login
from tests.test_authz_matrix import _PLAIN_STATIC, ROUTES, World, _build, url_for
from tests.treatments.conftest import NOW

EARLY = NOW + timedelta(days=2)  # aftercare windows still running
LATE = NOW + timedelta(days=22)  # the day-21 check-in answered

#: Codes that are ordinary words ("go", "watch", "nose", "pus") are caught where a code, not a
#: word, would stand: a whole text, or after a colon at its end ("Acid toner: avoid").
_MULTI_WORD = sorted(c for c in labels.every_code() if "_" in c)
_CODE = re.compile(
    r"(?<![\w.-])("
    + "|".join(re.escape(c) for c in _MULTI_WORD)
    + "|"
    + "|".join(re.escape(c.replace("_", "")) for c in _MULTI_WORD)
    + r")(?![\w-])",
    re.IGNORECASE,
)
#: "none" and "unknown" are left out: "Symptoms: none", "FDA status: unknown" are plain English.
_PLAIN = {"none", "unknown"}
_WORD_CODES = sorted(c for c in labels.every_code() - _PLAIN if "_" not in c and c.islower())
_LONE = re.compile(r"^(?:.*:\s*)?(" + "|".join(_WORD_CODES) + r")\.?$")
_TRIAGE = re.compile(r"\btriage (?:" + "|".join(labels.CODES["triage_level"]) + r")\b", re.I)
_PLACEHOLDER = re.compile(r"\[[a-z_ ]{2,30}\]|\{[a-z_]{2,30}\}")


class _Text(HTMLParser):
    """The text a person reads: text nodes, and alt/title/aria-label/placeholder; no scripts or
    styles. Identifiers inside a `<details>` are `<code>`: a rule id or the rules version, kept
    for support and professionals behind "Details", and skipped here."""

    SKIP = {"script", "style", "template"}
    READ = ("alt", "title", "aria-label", "placeholder")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.parts.extend(value for name, value in attrs if name in self.READ and value)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self.SKIP & set(self.stack):
            return
        if "code" in self.stack and "details" in self.stack:
            return
        if data.strip():
            self.parts.append(data.strip())


def visible(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.parts


def problems(texts: list[str]) -> list[str]:
    """Each text that shows a code or a placeholder, with what it shows."""
    found = []
    for text in texts:
        for line in text.splitlines():
            line = " ".join(line.split())
            for pattern in (_CODE, _TRIAGE, _PLACEHOLDER):
                match = pattern.search(line)
                if match:
                    found.append(f"{match.group(0)!r} in {line[:160]!r}")
            lone = _LONE.match(line)
            if lone:
                found.append(f"{lone.group(1)!r} alone in {line[:160]!r}")
    return found


def test_the_checker_finds_codes_and_placeholders():
    assert problems(["Fine_lines"]) and problems(["Under_eye, 2 Dec"]) and problems(["undereye"])
    assert problems(["caution"]) and problems(["Acid toner: avoid"]) and problems(["Triage normal"])
    assert problems(["Cheeks: product_absorption"]) and problems(["Hello [name]"])
    assert not problems(["Go carefully", "Avoid retinoids for 7 days", "Under the eyes", "Nose"])
    assert not problems(["needles.area.under_eye"])  # a rule id: only inside <code>, see _Text
    assert visible("<details><summary>Details</summary><code>x.under_eye</code></details>") == [
        "Details"
    ]


# --- The world ----------------------------------------------------------------------------------


def _enrich(world: World) -> None:
    """What the matrix world lacks: a rating, an acid product, a pro's limits and avoid."""
    owner = Grant.objects.get(pk=world.grants["pro_sessions_recovery"]).client
    products.add_product(
        owner, name="Acid toner", kind="treatment", ingredients_text="Aqua, Glycolic Acid, Parfum"
    )
    progress.rate(owner, "texture", 6, NOW.date())
    progress.rate(owner, "fine_lines", 5, NOW.date())
    device = OwnedDevice.objects.get(pk=world.ids["device_id"])
    treatments.create_plan(
        owner, concern="fine_lines", areas=["under_eye"], device=device, start_date=NOW.date()
    )
    products.add_avoid(owner, category="drying_alcohol", note="stings")
    recovery.record_checkin(owner, {"redness": 1, "pain": 1, "symptoms": ["dark_patches"]})
    grant = Grant.objects.get(pk=world.grants["pro_sessions_recovery"])
    sharing.set_limits(grant, {"cheeks": "0.5", "under_eye": "0.25"}, 14)
    sharing.add_avoid(grant, category="aha", note="Until we meet")


def _users(world: World) -> dict[str, User]:
    return {a: User.objects.get(pk=c.session["_auth_user_id"]) for a, c in world.clients.items()}


def _signed_in_again(world: World, users: dict[str, User]) -> World:
    """The same world with each actor signed in now (a sign-in lasts less than 22 days)."""
    return replace(world, clients={actor: login(user) for actor, user in users.items()})


def _late(world: World) -> None:
    owner = Grant.objects.get(pk=world.grants["pro_sessions_recovery"]).client
    recovery.record_late_checkin(
        owner, world.ids["key"], 21, {"new_bumps": True, "nonhealing_sore": False}
    )
    progress.rate(owner, "texture", 7, (NOW + timedelta(days=21)).date())


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("codes")
    with (
        django_db_blocker.unblock(),
        override_settings(DATA_DIR=data_dir, STORAGES=_PLAIN_STATIC),
        transaction.atomic(),
    ):
        with time_machine.travel(EARLY, tick=False):
            built = _build()
            _enrich(built)
        yield built
        transaction.set_rollback(True)


# --- Reading everything -------------------------------------------------------------------------


def _get(world: World, actor: str, url: str) -> str:
    client = Client(raise_request_exception=True)
    client.cookies = world.clients[actor].cookies.__class__(world.clients[actor].cookies)
    response = client.get(url)
    kind = response.get("Content-Type", "")
    if response.status_code != 200 or response.streaming or not kind.startswith("text/html"):
        return ""
    return response.content.decode()


def _pages(world: World) -> dict[str, str]:
    """URL (and who) -> its HTML, for every page the owner or a professional is given."""
    pages = {}
    for route in ROUTES:
        rule = declared.rule_for(route.key, route.template)
        if route.is_api or rule is None or "GET" not in rule.codes or route.template == "/api/":
            continue
        if "owner" in rule.who:
            actors = ["owner"]
        else:
            actors = [a for a in rule.who if a.startswith("pro_") and a in world.clients]
        for actor in actors:
            url = url_for(route, actor, world)
            pages[f"{actor} {url}"] = _get(world, actor, url)
    owner = Grant.objects.get(pk=world.grants["pro_sessions_recovery"]).client
    more = [reverse("treatments:plan", args=[p.pk]) for p in Plan.objects.filter(user=owner)]
    more += [reverse("recovery:result", args=[c.pk]) for c in CheckIn.objects.filter(user=owner)]
    for url in more:
        pages[f"owner {url}"] = _get(world, "owner", url)
    client = Client(raise_request_exception=True)  # the public checker, with a result
    label = "Aqua, Glycolic Acid, Alcohol Denat., Retinol, Parfum, Bakuchiol, Zzyzx extract"
    answer = client.post(
        reverse("rulebook:ingredients"), {"text": label, "hours_since_session": 30}
    )
    pages["checker"] = answer.content.decode()
    assert answer.status_code == 200 and "Alpha hydroxy acids (AHA)" in pages["checker"]
    return pages


def _mails(world: World) -> dict[str, list[str]]:
    """Every mail built for her or her professionals: subject, text and HTML part's text."""
    built = {}
    for row in Notification.objects.all():
        built[f"notification {row.pk}"] = notification_mail.message_for(row)
    for reminder in Reminder.objects.all():
        context = reminder_mail.context_for(reminder)
        if context is not None:
            built[f"reminder {reminder.kind}"] = reminder_mail.message_for(reminder, context)
    for invite in Invite.objects.all():
        built[f"invite {invite.pk}"] = sharing_mail.invite_message(invite)

    class Done:
        name, email, rows, files = "Zebulon", "zebulon@example.com", 12, 1

    built["account deleted"] = deletion_mail.message_for(Done())
    kinds = {name.split()[0] for name in built}
    assert {"notification", "reminder", "invite"} <= kinds, f"mails missing: {kinds}"
    out = {}
    for name, message in built.items():
        parts = [message.subject, message.body]
        parts += visible(message.alternatives[0][0]) if message.alternatives else []
        out[name] = parts
    return out


def _pdf_text(world: World) -> list[str]:
    owner = Grant.objects.get(pk=world.grants["pro_sessions_recovery"]).client
    pdf = report_pdf(owner, date(2026, 11, 1), (NOW + timedelta(days=30)).date())
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def _check_all(world: World) -> None:
    found = []
    pages = _pages(world)
    assert sum(bool(html) for html in pages.values()) > 60, "too few pages were shown"
    for where, html in pages.items():
        found += [f"{where}: {p}" for p in problems(visible(html))]
    for where, parts in _mails(world).items():
        found += [f"mail {where}: {p}" for p in problems(parts)]
    found += [f"PDF: {p}" for p in problems(_pdf_text(world))]
    assert not found, "\n".join(sorted(set(found)))


def test_no_page_mail_or_pdf_shows_a_code_while_aftercare_runs(world, db):
    with time_machine.travel(EARLY, tick=False), transaction.atomic():
        _check_all(world)
        transaction.set_rollback(True)


def test_no_page_mail_or_pdf_shows_a_code_after_a_late_red_flag(world, db):
    with time_machine.travel(EARLY, tick=False):
        users = _users(world)
    with time_machine.travel(LATE, tick=False), transaction.atomic():
        _late(world)
        _check_all(_signed_in_again(world, users))
        transaction.set_rollback(True)

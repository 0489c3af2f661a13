"""`needlewise demo --users N`: a synthetic population that is valid, varied and reproducible."""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models
from django.test import Client
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.devices.models import HeadChange, SterilisationRecord
from needlewise.recovery.models import RED_FLAG_LEVELS, CheckIn, Escalation
from needlewise.rules import devices as hygiene_rules
from needlewise.rules import intervals
from needlewise.sharing.models import Grant
from needlewise.suitability.models import SuitabilityCheck
from needlewise.synthetic.tables import SPECS
from needlewise.treatments.models import Plan, SessionArea, TreatmentSession

TODAY = date(2026, 3, 1)
BENCH = "person-000001@synthetic.needlewise.test"
PRO = "pro-0001@synthetic.needlewise.test"


@pytest.fixture(autouse=True)
def _fast_hasher(settings) -> None:
    """Argon2 takes half a second here; the one hash per run is not what these tests are about."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def password_in(output: str) -> str:
    line = next(line for line in output.splitlines() if line.startswith("password: "))
    return line.removeprefix("password: ").strip()


def digest(first: int = 1) -> str:
    """Selected columns of every table, by natural keys (e-mail, session key), not ids."""
    email = "user__email"
    sources = [
        (User.objects.filter(email__startswith="person-"), ["email", "password", "last_login"]),
        (Plan.objects, [email, "concern", "needle_mm", "start_date", "status", "created_at"]),
        (TreatmentSession.objects, [email, "key", "started_at", "done_at", "notes"]),
        (SessionArea.objects, ["session__key", "area", "needle_mm", "passes", "bleeding"]),
        (CheckIn.objects, ["session__key", "at", "redness", "pain", "symptoms", "level"]),
        (Escalation.objects, [email, "opened_at", "cleared_at", "level"]),
        (Grant.objects, ["client__email", "professional__email", "created_at", "scopes"]),
    ]
    h = hashlib.sha256()
    for queryset, columns in sources:
        rows = sorted(map(repr, queryset.values_list(*columns)))
        rows = [r for r in rows if _number(r) >= first]
        h.update("\n".join(rows).encode())
    return h.hexdigest()


def _number(row: str) -> int:
    at = row.find("person-")
    return int(row[at + 7 : at + 13]) if at >= 0 else 10**6


@pytest.mark.parametrize("name", list(SPECS))
def test_every_table_lists_every_column(name):
    model, columns = SPECS[name]
    assert sorted(columns) == sorted(f.attname for f in model._meta.concrete_fields)


def test_the_same_seed_gives_the_same_rows_and_another_seed_others(db):
    demo("--users", "12", "--years", "0.5", "--seed", "7", "--today", str(TODAY))
    first = digest()
    demo("--users", "12", "--years", "0.5", "--seed", "7", "--today", str(TODAY))  # replaces
    assert User.objects.filter(email__endswith="synthetic.needlewise.test").count() == 13
    assert digest() == first
    demo("--users", "12", "--years", "0.5", "--seed", "8", "--today", str(TODAY))
    assert digest() != first


def test_append_continues_the_numbering_with_the_same_people(db):
    demo("--users", "8", "--years", "0.5", "--today", str(TODAY))
    output = demo("--users", "4", "--years", "0.5", "--today", str(TODAY), "--append")
    assert "person-000009@" in output and "person-000012@" in output
    emails = set(User.objects.values_list("email", flat=True))
    assert {f"person-{n:06d}@synthetic.needlewise.test" for n in range(1, 13)} <= emails
    appended = digest(first=9)
    demo("--users", "12", "--years", "0.5", "--today", str(TODAY))
    assert digest(first=9) == appended


def test_append_with_another_seed_is_refused(db):
    demo("--users", "2", "--years", "0.25", "--today", str(TODAY))
    with pytest.raises(CommandError, match="another --seed"):
        demo("--users", "2", "--years", "0.25", "--seed", "99", "--append")
    assert User.objects.count() == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--users", "0"], "--users must be from 1"),
        (["--users", "ten"], "--users must be a whole number"),
        (["--users", "5", "--years", "-1"], "--years must be more than 0"),
        (["--users", "5", "--years", "abc"], "--years must be a number"),
        (["--users", "5", "--today", "yesterday"], "--today must be a date"),
        (["--users", "5", "--today", "2999-01-01"], "--today cannot be after today"),
        (["--years", "2"], "--years only goes with --users"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_writes_nothing(db, args, message):
    with pytest.raises(CommandError, match=message):
        demo(*args)
    assert User.objects.count() == 0


@pytest.fixture
def population(db):
    """30 people over half a year up to today, as a bench would make them."""
    return password_in(demo("--users", "30", "--years", "0.5"))


def _login(email: str, password: str) -> Client:
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def test_the_bench_user_logs_in_and_every_page_renders(population):
    bench = User.objects.get(email=BENCH)
    plan = Plan.objects.get(user=bench, status="active")
    session = TreatmentSession.objects.filter(user=bench).order_by("-done_at").first()
    client = _login(BENCH, population)
    key = session.key
    pages = ["/", "/plans/", f"/plans/{plan.pk}/", "/recovery/", "/products/",
             "/products/safe-now/", "/progress/", "/devices/", "/check/", "/sharing/",
             "/sharing/audit/", "/my-data/", f"/sessions/{key}/", f"/sessions/{key}/aftercare/",
             f"/recovery/sessions/{key}/"]  # fmt: skip
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert bench.products.exists() and bench.checkins.exists()
    assert TreatmentSession.objects.filter(user=bench, done_at__lt=timezone.now()).count() >= 6


def test_the_professional_dashboard_has_clients(population):
    pro = User.objects.get(email=PRO)
    grants = Grant.objects.filter(professional=pro, expires_at__gt=timezone.now())
    assert grants.filter(client__email=BENCH).exists()
    assert grants.count() >= 10
    client = _login(PRO, population)
    pages = [client.get(f"/sharing/clients/?page={n}") for n in range(1, grants.count() // 20 + 2)]
    assert all(page.status_code == 200 for page in pages)
    # 20 clients a page, red flags first: the bench person is on one of them.
    name = User.objects.get(email=BENCH).profile.display_name
    assert any(name in page.content.decode() for page in pages)
    assert client.get(f"/sharing/clients/{grants.first().pk}/").status_code == 200


def test_sessions_follow_the_rules_with_some_late_and_a_few_red_flags(db):
    demo("--users", "40", "--years", "1", "--today", str(TODAY))
    end = timezone.make_aware(timezone.datetime(2026, 3, 1))
    assert not TreatmentSession.objects.filter(done_at__gte=end).exists()
    assert not CheckIn.objects.filter(at__gte=end).exists()
    assert SessionArea.objects.aggregate(m=models.Max("needle_mm"))["m"] <= 0.5
    dark = SessionArea.objects.filter(session__user__profile__skin_type__gte=4)
    assert dark.aggregate(m=models.Max("needle_mm"))["m"] == pytest.approx(0.25)
    late = 0
    for plan in Plan.objects.all():
        done = list(plan.sessions.order_by("done_at").values_list("done_at", flat=True))
        band = intervals.band_for(max(plan.needle_mm.values()))["min_days"]
        gaps = [(b.date() - a.date()).days for a, b in itertools.pairwise(done)]
        assert all(gap >= band for gap in gaps), (plan, gaps)
        late += bool(gaps) and max(gaps) - min(gaps) >= 3
    assert late >= 5
    flags = CheckIn.objects.filter(level__in=RED_FLAG_LEVELS)
    assert flags.exists()
    assert set(flags.values_list("user", flat=True)) == set(
        Escalation.objects.values_list("user", flat=True)
    )
    assert not Escalation.objects.filter(emailed_at__isnull=True).exists()
    for escalation in Escalation.objects.filter(cleared_at__isnull=True):
        assert not Plan.objects.filter(user=escalation.user, status="active").exists()
    assert CheckIn.objects.filter(level="watch").exists()


def _by(rows: Iterable[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    out = defaultdict(list)
    for row in rows:
        out[row[key]].append(row)
    return out


def _head_due(session, day, changes, before) -> bool:
    """As the gate sees a roller (POLICY.md section 6): uses and age of the current head."""
    changed = sorted(c["at"] for c in changes if c["at"] < session.started_at)
    since_at = changed[-1] if changed else None
    uses = len([b for b in before if since_at is None or b.started_at > since_at])
    zone = ZoneInfo(session.user.profile.time_zone)
    since = since_at.astimezone(zone).date() if since_at else session.device.first_used_on
    return hygiene_rules.head_replacement_due(uses, since or day, day)


def test_every_session_would_have_passed_the_safety_gate(db):
    """A current check that allows home use, a sterilised device (or a new cartridge), a roller
    head that is not due, after the plan was made, and never before the interval rule allows
    (rules.intervals)."""
    demo("--users", "25", "--years", "1", "--today", str(TODAY))
    checkins = _by(CheckIn.objects.order_by("at").values("user", "at", "redness", "pain"), "user")
    checks = _by(SuitabilityCheck.objects.order_by("created_at").values(), "user_id")
    soaks = _by(SterilisationRecord.objects.values("device", "at"), "device")
    cartridges = _by(HeadChange.objects.values("device", "at"), "device")
    sessions = (
        TreatmentSession.objects.select_related("plan", "device", "user__profile")
        .prefetch_related("area_records")
        .order_by("done_at")
    )
    history = defaultdict(list)
    used = defaultdict(list)  # each device's sessions so far
    for s in sessions:
        day = s.done_at.astimezone(ZoneInfo(s.user.profile.time_zone)).date()
        check = [c for c in checks[s.user_id] if c["created_at"] <= s.started_at][-1]
        assert check["verdict"] in ("go", "caution") and day < check["expires_on"]
        assert check["invalidated_at"] is None or check["invalidated_at"] > s.started_at
        ready = (cartridges if s.device.kind == "pen" else soaks)[s.device_id]
        assert any(timedelta(0) <= s.started_at - r["at"] <= timedelta(hours=24) for r in ready)
        if s.device.kind == "roller":
            assert not _head_due(s, day, cartridges[s.device_id], used[s.device_id])
        used[s.device_id].append(s)
        assert s.plan.created_at < s.started_at
        areas = {r.area: float(r.needle_mm) for r in s.area_records.all()}
        before = [p for p in history[s.user_id] if set(p.areas) & set(s.plan.needle_mm)]
        if before:
            seen = [c for c in checkins[s.user_id] if c["at"] < s.started_at]
            allowed = intervals.next_allowed(
                before, [intervals.CheckIn(c["at"], c["redness"], c["pain"]) for c in seen]
            )
            assert day >= allowed.next_allowed and not allowed.blocked
        history[s.user_id].append(intervals.Session(s.done_at, max(areas.values()), tuple(areas)))
    assert sum(map(len, history.values())) > 100


def test_years_can_be_a_fraction(db):
    demo("--users", "3", "--years", "0.25", "--today", str(TODAY))
    bench = User.objects.get(email=BENCH)
    first = TreatmentSession.objects.filter(user=bench).order_by("done_at").first()
    assert first.done_at.date() >= TODAY - timedelta(days=92)


def test_a_row_pointing_at_nothing_is_refused_on_postgresql(db):
    from django.db import IntegrityError, connection, transaction

    from needlewise.synthetic.tables import no_rows
    from needlewise.synthetic.writer import Writer

    if connection.vendor != "postgresql":
        pytest.skip("COPY and its reference check are PostgreSQL's")
    rows = no_rows()
    rows["rating"].append((10**9, 10**9, "texture", 5, TODAY, timezone.now()))
    with pytest.raises(IntegrityError), transaction.atomic():
        Writer().write(rows)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_the_planner_has_statistics_once_the_load_is_done(population):
    """Without ANALYZE after the bulk load, PostgreSQL plans for empty tables: a person's recent
    check-ins were read with a sequential scan, 600 ms at 20,000 people."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'recovery_checkin'")
        assert cursor.fetchone()[0] == CheckIn.objects.count() > 0

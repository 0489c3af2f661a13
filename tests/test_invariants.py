"""Every safety promise holds across a whole journey, on any day: a hypothesis state machine over
the real services and pages, on a moving clock (issue 15).

The cast: a person with a ready plan (cheeks and forehead, a roller of 0.25 and 0.5 mm) and a
dermatologist she gives a grant to. The machine takes random steps, each through the path a
page or the API takes: the clock moves on by hours or days, the person sterilises her roller,
fits a new head, redoes her suitability check, runs a guided session at 0.2, 0.25 or 0.5 mm
(the gate, the checklist, the finish form), checks in (some answers are red flags), answers a
late check-in that is due (a sore that does not heal, or new lumps, are red flags), or
records that a professional saw her; the professional sets limits, clears an escalation; the
person revokes the grant, lets it run out, or gives a new one; the reminder worker runs once.

After every step it checks the promises, in this order (the `@invariant` methods `promise_N_…`;
1-5 in the issue's order, 6 from its item 1, "every date shown ... obeys the limits"):

1. no done session is above the needle cap in force when it was recorded, nor before the next
   date then allowed (both worked out here from the rule core and the test's own record of
   the grants, never by asking the code under test);
2. the plan page, Today, the calendar feed and the pending session-day reminders show the
   same dates;
3. every see-a-dermatologist or urgent triage is e-mailed exactly once to the person and to the
   professional who follows her recovery, and the result page claims only a mail that went;
4. a revoked or expired grant reads nothing (pages and API answer 403/404, no audit entry);
5. what a page offers is what the service accepts: the plan page and Today offer "Start a
   session" exactly when a session at the plan's lengths would be taken, and a device page that
   says the roller is not ready means the service refuses;
6. every date shown obeys the limits: the first no earlier than the next allowed date, the rest
   at least the needle band's wait (or the professional's longer minimum interval) apart;
7. (issue 26) every session's late check-ins, 21 and 56 days on, outlive later sessions: each is
   answered or still has its reminder, Today asks for each one due, and the calendar feed holds
   each one not answered. A late check-in's red flag is held to promise 3 like any other.

Each example starts from an empty database: the machine opens a savepoint when it is made and
rolls it back when it is torn down (the users are made inside it), clears the cache and the
mailbox, and starts its own clock at the suite's NOW. Mails that go "on commit" (escalations)
are sent at the end of each step, as at the end of a request.

A failure names the step list hypothesis found (shrunk to a short one) and says, in words,
which dates or lengths broke which promise. To look at some promises alone, set
NEEDLEWISE_INVARIANTS=1,3 (their numbers); NEEDLEWISE_INVARIANT_EXAMPLES=200 explores longer.
"""

from __future__ import annotations

import itertools
import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import ClassVar
from uuid import UUID

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.test import TestCase
from django.utils import timezone
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from needlewise.accounts.services import profile_for
from needlewise.devices import services as devices
from needlewise.notifications.models import Notification
from needlewise.recovery import late
from needlewise.recovery.models import RED_FLAG_LEVELS, CheckIn, Escalation
from needlewise.reminders import timing, worker
from needlewise.reminders.feed import feed_for
from needlewise.reminders.models import Kind, Reminder
from needlewise.rules import followup
from needlewise.rules.limits import Limits
from needlewise.rules.vocab import TRIAGE_LEVELS
from needlewise.sharing import services as sharing
from needlewise.sharing.models import SCOPES, AuditEntry, Grant
from needlewise.suitability import services as suitability
from needlewise.treatments.models import Plan, TreatmentSession
from tests.conftest import make_user
from tests.invariants_support import (
    Allowed,
    Attempt,
    GrantModel,
    caps_now,
    effective_limits,
    guided_session,
    long_date,
    min_gap_days,
    next_allowed_now,
    notification_pk,
    offers_start,
    probe,
    session_days_in_feed,
    upcoming_on_page,
)
from tests.recovery.conftest import checkin_data
from tests.sharing.conftest import login, make_grant
from tests.treatments.conftest import ANSWERS, NOW, ready

#: Which promises to check (their numbers), all by default.
CHECKED = {int(n) for n in os.environ.get("NEEDLEWISE_INVARIANTS", "1,2,3,4,5,6,7").split(",")}
EXAMPLES = int(os.environ.get("NEEDLEWISE_INVARIANT_EXAMPLES") or 25)

#: Check-in answers, named by what the rule core's triage (rules/knowledge/triage.yaml) makes of
#: them: the red flags pause plans and are e-mailed.
CHECKINS = {
    "clear skin": {"redness": 0},
    "mild redness and pain": {"redness": 1, "pain": 2},
    "pus (see a dermatologist)": {"redness": 1, "symptoms": ["pus"]},
    "fever 38.6 C (urgent)": {"redness": 1, "fever": "38.6"},
    "numb lips (urgent)": {"redness": 1, "symptoms": ["numb_lips"]},
    "spreading redness (urgent)": {"redness": 2, "symptoms": ["spreading_redness"]},
}
#: Late check-in answers (POLICY.md section 8): any yes is a red flag.
LATE_ANSWERS = {
    "nothing new": {"new_bumps": "no", "nonhealing_sore": "no"},
    "a sore that does not heal": {"new_bumps": "no", "nonhealing_sore": "yes"},
    "new lumps": {"new_bumps": "yes", "nonhealing_sore": "no"},
}
#: How far the clock moves in one step, in hours: within a day, a day or so, a week, a month.
HOURS = [1, 6, 20, 30, 72, 7 * 24, 10 * 24, 15 * 24, 30 * 24]
CLAIMED = "We sent you an e-mail with this advice."


def checks(number: int):  # type: ignore[no-untyped-def]
    """Mark an invariant with its number in the issue; skipped when not in NEEDLEWISE_INVARIANTS."""

    def wrap(method):  # type: ignore[no-untyped-def]
        def checked(self) -> None:  # type: ignore[no-untyped-def]
            if number in CHECKED:
                method(self)

        checked.__name__ = method.__name__
        checked.__doc__ = method.__doc__
        return invariant()(checked)

    return wrap


@dataclass(frozen=True)
class Recorded:
    """A session the service took, with what the rule core allowed at that moment."""

    key: str
    at: datetime
    lengths: dict[str, float]
    caps: dict[str, float | None]
    allowed: Allowed
    limits: Limits


@dataclass(frozen=True)
class CheckinSeen:
    answer: str
    level: str
    claimed: bool
    mails_to_person: int
    news: bool  # the check-in opened the escalation or made it worse: the person must be told


@dataclass
class Pages:
    """What the person's pages say at one moment (read once per step)."""

    plan: str
    today: str
    attempt: Attempt  # what the service answers to a session at the plan's lengths
    device: str = ""  # read only when the service would take a session (invariant 5)


class Journey(RuleBasedStateMachine):
    """One person, one professional, random steps; the promises after each (see the module)."""

    smtp: ClassVar[object]  # the real SMTP sink, set by the test

    def __init__(self) -> None:
        super().__init__()
        # A clean world per example: everything below is rolled back in teardown.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self._travel = time_machine.travel(NOW, tick=False)
        self.clock = self._travel.start()
        cache.clear()
        self.smtp.messages.clear()  # type: ignore[attr-defined]
        self.person = make_user("ines@example.com", "Ines")
        self.pro = make_user("dr.okafor@example.com", "Dr Okafor")
        sharing.save_professional(self.pro, "Dermatologist", "GMC 7654321")
        self.plan_pk = ready(self.person).pk
        self.me, self.them = login(self.person), login(self.pro)
        self.grants: list[GrantModel] = []
        self.recorded: list[Recorded] = []
        # (escalation id, level) -> who must have been told, from the test's own triage model.
        self.told: dict[tuple[int, str], set[str]] = {}
        self.episode: tuple[int, str] | None = None  # the open escalation as the model sees it
        self.last_checkin: CheckinSeen | None = None
        self._pages: Pages | None = None
        self.tried_ended: set[int] = set()

    def teardown(self) -> None:
        self._travel.stop()
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)
        cache.clear()

    # Helpers ---------------------------------------------------------------------------------

    @property
    def now(self) -> datetime:
        return timezone.now()

    @property
    def plan(self) -> Plan:
        return Plan.objects.select_related("device", "user").get(pk=self.plan_pk)

    @property
    def device(self):  # type: ignore[no-untyped-def]
        return self.plan.device

    def active_grant(self) -> GrantModel | None:
        return next((g for g in reversed(self.grants) if g.active(self.now)), None)

    def has_active_grant(self) -> bool:
        return self.active_grant() is not None

    def has_done_session(self) -> bool:
        return TreatmentSession.objects.filter(
            user=self.person, status=TreatmentSession.Status.DONE
        ).exists()

    def has_open_escalation(self) -> bool:
        return Escalation.objects.filter(user=self.person, cleared_at__isnull=True).exists()

    @contextmanager
    def step(self):  # type: ignore[no-untyped-def]
        """One request's worth of work: its on-commit mails go at the end, and what the pages
        said before is forgotten."""
        self._pages = None
        with TestCase.captureOnCommitCallbacks(execute=True):
            yield

    def limits(self) -> Limits:
        return effective_limits(self.grants, self.now)

    def when(self) -> str:
        return f"{timezone.localtime(self.now):%a %-d %b %Y %H:%M}"

    def pages(self) -> Pages:
        if self._pages is None:
            plan = self.plan
            self._pages = Pages(
                plan=self.me.get(f"/plans/{plan.pk}/").content.decode(),
                today=self.me.get("/").content.decode(),
                attempt=probe(self.me, plan),
            )
            if self._pages.attempt.done:
                device = self.me.get(f"/devices/{plan.device_id}/")
                self._pages.device = device.content.decode()
        return self._pages

    # Steps -----------------------------------------------------------------------------------
    # Hypothesis takes the rules in the order of their names and tries the first ones first:
    # hence `advance_clock` and `do_session` early, so journeys with sessions are common.

    @initialize(
        # The first of each list is what hypothesis tries first and shrinks towards.
        days=st.sampled_from([14, 3, 90]),
        cheeks=st.sampled_from([0.2, None, 0.25]),
        interval=st.sampled_from([14, None]),
    )
    def give_grant(self, days: int, cheeks: float | None, interval: int | None) -> None:
        """The person shares everything with the professional, for `days`; the professional
        often sets limits at once (so that journeys under limits are common)."""
        self.grant_again(days)
        if cheeks is not None or interval is not None:
            self.professional_sets_limits(cheeks, None, interval)

    def _sign_in_again(self) -> None:
        """After a jump of days the sign-in sessions have lapsed: both sign in again."""
        self.me, self.them = login(self.person), login(self.pro)

    @rule(hours=st.sampled_from(HOURS))
    def advance_clock(self, hours: int) -> None:
        with self.step():
            self.clock.shift(timedelta(hours=hours))
            worker.run_once()  # it runs every minute: the first pass after the jump
        self._sign_in_again()

    def next_late_opening(self) -> datetime | None:
        ahead = [opens for _, _, opens in self.late_model() if opens > self.now]
        return min(ahead, default=None)

    @precondition(lambda self: self.next_late_opening() is not None)
    @rule(answer=st.sampled_from([*sorted(LATE_ANSWERS), "not now"]))
    def advance_to_late_check_in(self, answer: str) -> None:
        """Weeks on, to 10:00 on the day the next late check-in opens (the worker runs), where
        she answers it or leaves it for later: a random walk of hours and days seldom gets
        there in 15 steps."""
        opens = self.next_late_opening()
        assert opens is not None
        with self.step():
            self.clock.move_to(opens + timedelta(hours=10))
            worker.run_once()
        self._sign_in_again()
        if answer != "not now":
            self.late_check_in(answer, 0)

    @rule()
    def sterilise(self) -> None:
        with self.step():
            devices.record_sterilisation(self.device, at=self.now)

    @rule()
    def fit_new_head(self) -> None:
        with self.step():
            devices.record_head_change(self.device, at=self.now)

    @rule()
    def redo_check(self) -> None:
        with self.step():
            suitability.record_check(self.person, ANSWERS, ["texture"], today=self.now.date())

    @rule(mm=st.sampled_from([0.25, 0.2, 0.5]))
    def do_session(self, mm: float) -> None:
        """The guided session at `mm` on every area; what the rule core allowed is noted first."""
        plan, limits = self.plan, self.limits()
        caps = caps_now(plan, limits, profile_for(self.person).skin_type)
        allowed = next_allowed_now(plan, limits)
        lengths = dict.fromkeys(plan.areas, mm)
        with self.step():
            attempt = guided_session(self.me, plan, lengths)
        if attempt.done:
            self.recorded.append(Recorded(attempt.key, self.now, lengths, caps, allowed, limits))

    @precondition(lambda self: self.has_done_session())
    @rule(answer=st.sampled_from(sorted(CHECKINS)))
    def check_in(self, answer: str) -> None:
        """The check-in form about the latest session, then its result page."""
        sent_before = len(self.smtp.messages)  # type: ignore[attr-defined]
        with self.step():
            response = self.me.post("/recovery/checkin/", checkin_data(**CHECKINS[answer]))
        self._seen(answer, response, sent_before)

    def late_due(self) -> list[tuple[str, int]]:
        """(session key, day) of each late check-in due now, by the model below (promise 7)."""
        return [(key, day) for key, day, opens in self.late_model() if self.is_due(opens)]

    @precondition(lambda self: bool(self.late_due()))
    @rule(answer=st.sampled_from(sorted(LATE_ANSWERS)), which=st.sampled_from([0, -1]))
    def late_check_in(self, answer: str, which: int) -> None:
        """The late check-in form of one that is due (the oldest or the newest), then its
        result page."""
        key, day = self.late_due()[which]
        sent_before = len(self.smtp.messages)  # type: ignore[attr-defined]
        with self.step():
            response = self.me.post(f"/recovery/late/{key}/{day}/", LATE_ANSWERS[answer])
        self._seen(f"late, day {day}: {answer}", response, sent_before)

    def _seen(self, answer: str, response, sent_before: int) -> None:  # type: ignore[no-untyped-def]
        """After a check-in form: what its result page claims and which mails went."""
        assert response.status_code == 302, f"check-in refused: {response.content[:500]!r}"
        checkin = CheckIn.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
        claimed = CLAIMED in self.me.get(response["Location"]).content.decode()
        news = False
        if checkin.level in RED_FLAG_LEVELS:
            news = self._escalated(checkin.level)
        new_mail = self.smtp.messages[sent_before:]  # type: ignore[attr-defined]
        to_person = [m for m in new_mail if m["To"] == self.person.email and notification_pk(m)]
        self.last_checkin = CheckinSeen(answer, checkin.level, claimed, len(to_person), news)

    def _escalated(self, level: str) -> bool:
        """The model's triage episode: opened by a red flag, raised only by a worse one, ended
        by a clearance. Who must be told at the episode's level: the person, and the
        professional when a grant lets them follow her recovery now. True when this check-in
        opened the episode or made it worse."""
        escalation = Escalation.objects.get(user=self.person, cleared_at__isnull=True)
        worse = self.episode is not None and TRIAGE_LEVELS.index(level) < TRIAGE_LEVELS.index(
            self.episode[1]
        )
        news = self.episode is None or self.episode[0] != escalation.pk or worse
        if news:
            self.episode = (escalation.pk, level)
        assert self.episode is not None
        told = self.told.setdefault(self.episode, set())
        told.add(self.person.email)
        if self.has_active_grant():
            told.add(self.pro.email)
        return news

    @precondition(lambda self: self.has_open_escalation() and self.grants)
    @rule()
    def professional_clears(self) -> None:
        """The professional records the clearance on the client page (a 404 once the grant
        ended: the person is still paused then)."""
        grant = self.grants[-1]
        escalation = Escalation.objects.get(user=self.person, cleared_at__isnull=True)
        with self.step():
            self.them.post(
                f"/sharing/clients/{grant.pk}/clear/{escalation.pk}/", {"note": "Seen in clinic."}
            )
        self._follow_clearance()

    @precondition(lambda self: self.has_open_escalation())
    @rule()
    def person_records_clearance(self) -> None:
        """The person records on her check-in page that a professional has seen her."""
        escalation = Escalation.objects.get(user=self.person, cleared_at__isnull=True)
        with self.step():
            self.me.post(f"/recovery/escalations/{escalation.pk}/clear/", {"note": "GP visit"})
        self._follow_clearance()

    def _follow_clearance(self) -> None:
        if not self.has_open_escalation():
            self.episode = None

    @precondition(lambda self: self.has_active_grant())
    @rule(
        cheeks=st.sampled_from([None, 0.2, 0.25, 0.5]),
        forehead=st.sampled_from([None, 0.2, 0.25]),
        interval=st.sampled_from([None, 10, 14, 21]),
    )
    def professional_sets_limits(
        self, cheeks: float | None, forehead: float | None, interval: int | None
    ) -> None:
        model = self.active_grant()
        assert model is not None
        with self.step():
            sharing.set_limits(
                Grant.objects.get(pk=model.pk), {"cheeks": cheeks, "forehead": forehead}, interval
            )
        model.caps = {a: mm for a, mm in (("cheeks", cheeks), ("forehead", forehead)) if mm}
        model.interval = interval

    @precondition(lambda self: self.has_active_grant())
    @rule()
    def revoke(self) -> None:
        model = self.active_grant()
        assert model is not None
        with self.step():
            model.revoked = sharing.revoke(self.person, model.pk)
        assert model.revoked, "revoking an active grant was refused"

    @precondition(lambda self: self.has_active_grant())
    @rule()
    def let_grant_expire(self) -> None:
        model = self.active_grant()
        assert model is not None
        with self.step():
            self.clock.move_to(model.expires_at + timedelta(minutes=1))
            worker.run_once()  # the first pass after the expiry
        self._sign_in_again()

    @precondition(lambda self: not self.has_active_grant())
    @rule(days=st.sampled_from([3, 14, 90]))
    def grant_again(self, days: int) -> None:
        with self.step():
            grant = make_grant(self.person, self.pro, list(SCOPES), days)
        self.grants.append(GrantModel(grant.pk, grant.expires_at))
        self.tried_ended.clear()

    @rule()
    def run_worker(self) -> None:
        with self.step():
            worker.run_once()

    # Promises --------------------------------------------------------------------------------

    @checks(1)
    def promise_1_sessions_within_the_limits_then_in_force(self) -> None:
        """(1) No done session above the cap, or before the next date allowed, at its time."""
        known = {r.key for r in self.recorded}
        done = TreatmentSession.objects.filter(user=self.person, status="done")
        stray = [str(k) for k in done.values_list("key", flat=True) if str(k) not in known]
        assert not stray, f"done sessions no step of the journey recorded: {stray}"
        for r in self.recorded:
            when = f"the session of {r.at:%a %-d %b %Y %H:%M}"
            for area, mm in r.lengths.items():
                cap = r.caps[area]
                assert cap is not None and mm <= cap + 1e-9, (
                    f"{when} was recorded at {mm:g} mm on {area}, above the cap then in force "
                    f"({'none allowed' if cap is None else f'{cap:g} mm'}; professional's limits "
                    f"{dict(r.limits.max_needle_mm_by_area or {})})"
                )
            assert r.at.date() >= r.allowed.on, (
                f"{when} was recorded before the next allowed date then, "
                f"{r.allowed.on:%a %-d %b %Y} ({r.allowed.why})"
            )
            assert not r.allowed.blocked, (
                f"{when} was recorded while a check-in still blocked it ({r.allowed.why})"
            )

    @checks(2)
    def promise_2_one_set_of_dates_everywhere(self) -> None:
        """(2) Plan page, Today, calendar feed and pending reminders: the same dates."""
        plan, now, pages = self.plan, self.now, self.pages()
        shown = upcoming_on_page(pages.plan)
        feed = session_days_in_feed(feed_for(self.person, now), plan.pk)
        assert shown == feed, (
            f"at {self.when()} ({plan.status} plan) the plan page lists {_days(shown)} but the "
            f"calendar feed {_days(feed)}"
        )
        tz = timing.zone(profile_for(self.person).time_zone)
        pending = Reminder.objects.filter(
            user=self.person,
            kind=Kind.SESSION_DAY,
            subject_id=str(plan.pk),
            sent_at__isnull=True,
            cancelled_at__isnull=True,
        )
        ahead = sorted(datetime.fromisoformat(r.payload["date"]).date() for r in pending.filter(
            due_at__gt=now))  # fmt: skip
        # A reminder can only be made for a moment still to come: compare those days.
        still_to_remind = [d for d in shown if timing.local_morning(d, tz) > now]
        assert still_to_remind == ahead, (
            f"at {self.when()} ({plan.status} plan) the plan page lists {_days(shown)}, so "
            f"session-day reminders are due for {_days(still_to_remind)}, but those pending "
            f"are for {_days(ahead)}"
        )
        # A reminder due today that the worker has not sent yet must still be for a planned
        # day. (Older ones are left aside: a worker that stayed off for days is not modelled.)
        today = timezone.localtime(now, tz).date()
        for r in pending.filter(due_at__lte=now):
            day = datetime.fromisoformat(r.payload["date"]).date()
            assert day != today or day in shown, (
                f"at {self.when()} a session-day reminder for {day:%a %-d %b} is about to go, "
                f"but the plan page lists {_days(shown)}"
            )
        if shown and "Next session from" in pages.today:
            with timezone.override(tz):  # "this year" is the person's, as on her page
                expected = long_date(shown[0])
            assert expected in pages.today, (
                f"at {self.when()} Today gives another next date than the plan page's first, "
                f"{expected}"
            )

    @checks(3)
    def promise_3_each_red_flag_mailed_once_to_each(self) -> None:
        """(3) Each escalation level: exactly one mail to the person and one to the follower."""
        got: dict[tuple[int, str, str], int] = {}
        for message in self.smtp.messages:  # type: ignore[attr-defined]
            pk = notification_pk(message)
            row = Notification.objects.filter(pk=pk).first() if pk else None
            if row is not None:
                key = (row.escalation_id, row.level, str(message["To"]))
                got[key] = got.get(key, 0) + 1
        for (escalation, level), recipients in self.told.items():
            for email in sorted(recipients):
                count = got.get((escalation, level, email), 0)
                assert count == 1, (
                    f"the {level.replace('_', ' ')} triage of escalation {escalation} was "
                    f"e-mailed {count} times to {email} (once is promised)"
                )
        for (escalation, level, email), count in got.items():
            assert email in self.told.get((escalation, level), set()), (
                f"{email} got {count} mail(s) about the {level} triage of escalation "
                f"{escalation} without following the person's recovery then"
            )
        if self.episode is not None:
            open_level = Escalation.objects.get(pk=self.episode[0]).level
            assert open_level == self.episode[1], (
                f"the open escalation says {open_level}; its worst sign so far was "
                f"{self.episode[1]}"
            )
        seen = self.last_checkin
        if seen is not None:
            assert seen.claimed == (seen.mails_to_person > 0), (
                f"after the check-in '{seen.answer}' (triage: {seen.level}) the result page "
                f"{'claims' if seen.claimed else 'does not say'} '{CLAIMED}', and "
                f"{seen.mails_to_person} mail(s) went to the person"
            )
            assert not seen.news or seen.mails_to_person == 1, (
                f"the check-in '{seen.answer}' raised the escalation to {seen.level}, and "
                f"{seen.mails_to_person} mail(s) went to the person at once (one is promised)"
            )

    @checks(4)
    def promise_4_ended_grants_read_nothing(self) -> None:
        """(4) A revoked or expired grant: every page and API answer is a 403 or a 404."""
        # Each ended grant is tried once (the reads are requests, and an ended grant never
        # comes back); all of them again after a new grant to the same professional.
        ended = [g for g in self.grants if not g.active(self.now) and g.pk not in self.tried_ended]
        if not ended:
            return
        self.tried_ended.update(g.pk for g in ended)
        audited = AuditEntry.objects.filter(client=self.person).count()
        for grant in ended:
            why = "revoked" if grant.revoked else f"expired {grant.expires_at:%-d %b %H:%M}"
            for url in (
                f"/sharing/clients/{grant.pk}/",
                f"/sharing/clients/{grant.pk}/limits/",
                f"/api/sharing/clients/{grant.pk}",
                f"/api/sharing/clients/{grant.pk}/limits",
                f"/api/sharing/clients/{grant.pk}/notes",
            ):
                status = self.them.get(url).status_code
                assert status in (403, 404), (
                    f"at {self.when()} the grant {grant.pk} ({why}) still reads {url}: {status}"
                )
        assert AuditEntry.objects.filter(client=self.person).count() == audited, (
            "reading through an ended grant wrote audit entries (so it read something)"
        )

    @checks(5)
    def promise_5_pages_offer_what_the_service_accepts(self) -> None:
        """(5) "Start a session" is offered exactly when the service takes one."""
        plan, pages = self.plan, self.pages()
        attempt = pages.attempt
        taken = attempt.done
        said = (
            "the service takes a session at the plan's lengths "
            f"{ {a: f'{mm:g} mm' for a, mm in plan.needle_mm.items()} }"
            if taken
            else f"the service refuses at the {attempt.refused_at}: {attempt.detail[:240]}"
        )
        on_plan = offers_start(pages.plan, plan.pk)
        assert on_plan == taken, (
            f"at {self.when()} the plan page {'offers' if on_plan else 'does not offer'} "
            f"'Start a session', but {said}"
        )
        on_today = "A session is possible today" in pages.today
        assert on_today == taken, (
            f"at {self.when()} Today {'says' if on_today else 'does not say'} 'A session is "
            f"possible today', but {said}"
        )
        not_ready = 'data-testid="head-warning"' in pages.device or "Not sterilised" in pages.device
        assert not (not_ready and taken), (
            f"at {self.when()} the device page says the roller is not ready (head due or not "
            f"sterilised), but {said}"
        )

    @checks(6)
    def promise_6_dates_obey_the_limits(self) -> None:
        """(6) The first date shown is allowed; the next ones are the allowed wait apart."""
        plan, limits = self.plan, self.limits()
        shown = upcoming_on_page(self.pages().plan)
        if not shown:
            return
        allowed = next_allowed_now(plan, limits)
        assert shown[0] >= allowed.on, (
            f"at {self.when()} the plan page's first date {shown[0]:%a %-d %b} is before the "
            f"next allowed one, {allowed.on:%a %-d %b} ({allowed.why})"
        )
        gap = min_gap_days(plan, limits)
        for before, after in itertools.pairwise(shown):
            assert (after - before).days >= gap, (
                f"at {self.when()} the plan page lists {before:%a %-d %b} then {after:%a %-d %b}, "
                f"{(after - before).days} days apart; the limits in force ask for {gap} "
                f"(professional's minimum interval: {limits.min_interval_days or 'none'})"
            )

    def late_model(self) -> list[tuple[str, int, datetime]]:
        """Every recorded session's late check-ins not answered: (key, day, when it opens), the
        person's local midnight N days after the session's local date (POLICY.md section 8)."""
        tz = timing.zone(profile_for(self.person).time_zone)
        answered = set(
            CheckIn.objects.filter(user=self.person, kind=CheckIn.Kind.LATE).values_list(
                "session__key", "late_day"
            )
        )
        out = []
        for r in self.recorded:
            done_on = timezone.localtime(r.at, tz).date()
            for day in followup.late_days():
                if (UUID(r.key), day) not in answered:
                    opens = datetime.combine(done_on + timedelta(days=day), time(0), tz)
                    out.append((r.key, day, opens))
        return out

    def is_due(self, opens: datetime) -> bool:
        """Due from its opening, for the span early check-ins are asked for too."""
        return opens <= self.now < opens + timedelta(days=late.DUE_DAYS)

    @checks(7)
    def promise_7_late_check_ins_outlive_later_sessions(self) -> None:
        """(7) Each late check-in not answered: still reminded, on Today while due, in the feed."""
        unanswered = self.late_model()
        if not unanswered:
            return
        kept = set(
            Reminder.objects.filter(
                user=self.person, kind=Kind.LATE_CHECKIN, cancelled_at__isnull=True
            ).values_list("dedupe_key", flat=True)
        )
        today = self.pages().today
        feed = feed_for(self.person, self.now).decode()
        for key, day, opens in unanswered:
            what = f"the day-{day} late check-in of session {key[:8]}"
            assert f"late_checkin:{key}:{day}d" in kept, (
                f"at {self.when()} {what} is not answered but its reminder is gone (later "
                f"sessions: {sum(1 for r in self.recorded if r.key != key and r.at > opens)})"
            )
            link = f"/recovery/late/{key}/{day}/"
            due = self.is_due(opens)
            linked = link in today
            assert linked == due, (
                f"at {self.when()} {what} opens {opens:%a %-d %b %H:%M}: it is "
                f"{'due' if due else 'not due'}, but Today {'links' if linked else 'does not link'}"
                " it"
            )
            if self.now < opens + timedelta(days=late.DUE_DAYS):  # still due or to come
                assert f"late-checkin-{key}-{day}d" in feed, (
                    f"at {self.when()} {what} is due or to come but the calendar feed lacks it"
                )


def _days(days: list) -> str:  # type: ignore[type-arg]
    return "[" + ", ".join(f"{d:%a %-d %b}" for d in days) + "]" if days else "no dates"


@pytest.mark.django_db
def test_every_promise_holds_across_a_journey(smtp, settings) -> None:
    # Accounts are made in every example: a fast hasher keeps that cheap (no password is used).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    Journey.smtp = smtp
    run_state_machine_as_test(
        Journey,
        settings=settings_for_suite(),
    )


def settings_for_suite() -> hypothesis_settings:
    return hypothesis_settings(
        max_examples=EXAMPLES,
        stateful_step_count=15,
        deadline=None,
        # The same examples on every run, so the suite is repeatable; raise
        # NEEDLEWISE_INVARIANT_EXAMPLES to explore further.
        derandomize=True,
        database=None,
        # No "explain" phase: re-running failures under a line tracer costs minutes here.
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
        # Each step is real requests against the database, not data generation.
        suppress_health_check=[HealthCheck.too_slow],
    )

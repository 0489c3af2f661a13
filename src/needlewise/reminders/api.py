"""Reminder endpoints (owner-scoped: the acting user only ever sees their own reminders).
Bad input is a 422 naming the field, and nothing is written."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import ConfigDict, Field, field_validator

from needlewise.reminders import services
from needlewise.reminders.models import ReminderSettings
from needlewise.reminders.queries import calendar_url, upcoming_for

router = Router(tags=["reminders"])


class ReminderOut(Schema):
    id: int
    kind: str
    words: str = Field(description="What it is about, in plain words")
    due_at: datetime
    deliver_at: datetime = Field(description="When it is e-mailed: after quiet hours if need be")
    emailed: bool = Field(description="False when this kind is turned off in the settings")
    urgent: bool
    subject_id: str
    payload: dict[str, Any]


class EmailToggles(Schema):
    model_config = ConfigDict(extra="forbid")

    session_day: bool
    checkin: bool
    window_end: bool
    head_replacement: bool
    recheck: bool


LONGEST_TIME = len("HH:MM:SS.ffffff")


def _local_time(schema: dict[str, Any]) -> None:
    """OpenAPI's `format: time` is RFC 3339's, which needs a zone offset: we refuse one."""
    schema.pop("format", None)
    schema["pattern"] = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$"
    schema["maxLength"] = LONGEST_TIME


class SettingsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    email: EmailToggles
    quiet_start: time = Field(
        description="HH:MM in the person's time zone", json_schema_extra=_local_time
    )
    quiet_end: time = Field(
        description="HH:MM; the same as quiet_start means no quiet hours",
        json_schema_extra=_local_time,
    )

    @field_validator("quiet_start", "quiet_end", mode="before")
    @classmethod
    def _short(cls, value: object) -> object:
        """Pydantic reads any number of second's digits; the description promises at most 6."""
        if isinstance(value, str) and len(value) > LONGEST_TIME:
            raise ValueError(f"give a time as HH:MM, at most {LONGEST_TIME} characters")
        return value

    @field_validator("quiet_start", "quiet_end")
    @classmethod
    def _local_minutes(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError("give a local time without a zone, e.g. 22:00")
        return value.replace(second=0, microsecond=0)


class SettingsOut(Schema):
    email: EmailToggles
    quiet_start: str
    quiet_end: str
    quiet_hours: bool
    time_zone: str
    calendar_url: str


class CalendarOut(Schema):
    calendar_url: str


def _settings_out(user: Any, prefs: ReminderSettings) -> SettingsOut:
    return SettingsOut(
        email=EmailToggles(**{k: prefs.emails(k) for k in EmailToggles.model_fields}),
        quiet_start=prefs.quiet_start.strftime("%H:%M"),
        quiet_end=prefs.quiet_end.strftime("%H:%M"),
        quiet_hours=prefs.has_quiet_hours,
        time_zone=services.zone_for(user).key,
        calendar_url=calendar_url(prefs),
    )


@router.get("/", response=list[ReminderOut], summary="My reminders still to come")
def upcoming(request: HttpRequest) -> list[ReminderOut]:
    user = request.auth  # type: ignore[attr-defined]
    prefs = services.settings_for(user)
    return [
        ReminderOut(
            id=item.reminder.pk,
            kind=item.reminder.kind,
            words=item.words,
            due_at=item.reminder.due_at,
            deliver_at=item.deliver_at,
            emailed=item.email,
            urgent=item.reminder.urgent,
            subject_id=item.reminder.subject_id,
            payload=item.reminder.payload,
        )
        for item in upcoming_for(user, prefs)
    ]


@router.get("/settings", response=SettingsOut, summary="My reminder settings")
def get_settings(request: HttpRequest) -> SettingsOut:
    user = request.auth  # type: ignore[attr-defined]
    return _settings_out(user, services.settings_for(user))


@router.put("/settings", response=SettingsOut, summary="Replace my reminder settings")
def put_settings(request: HttpRequest, body: SettingsIn) -> SettingsOut:
    user = request.auth  # type: ignore[attr-defined]
    fields = {f"email_{kind}": on for kind, on in body.email.model_dump().items()}
    prefs = services.update_settings(
        user, quiet_start=body.quiet_start, quiet_end=body.quiet_end, **fields
    )
    return _settings_out(user, prefs)


@router.post(
    "/calendar-token", response=CalendarOut, summary="A new calendar address (the old one ends)"
)
def rotate_calendar_token(request: HttpRequest) -> CalendarOut:
    prefs = services.rotate_calendar_token(request.auth)  # type: ignore[attr-defined]
    return CalendarOut(calendar_url=calendar_url(prefs))

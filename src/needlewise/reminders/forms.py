"""The reminder settings form. Each error says which field and why, in words."""

from __future__ import annotations

from datetime import time

from django import forms

from needlewise.forms_util import OurVoice
from needlewise.reminders.models import ReminderSettings

TOGGLES = [
    "email_session_day",
    "email_checkin",
    "email_window_end",
    "email_head_replacement",
    "email_recheck",
]
TIME_ERROR = "Give a time of day as hours and minutes from 00:00 to 23:59, e.g. 22:00."


def _time_field(label: str, help_text: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text=help_text,
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": TIME_ERROR, "required": TIME_ERROR},
    )


class SettingsForm(OurVoice, forms.ModelForm):
    quiet_start = _time_field("Quiet from", "No e-mails from this time, in your own time zone.")
    quiet_end = _time_field(
        "Quiet until", "Reminders due in the quiet hours arrive then. The same time twice: none."
    )

    class Meta:
        model = ReminderSettings
        fields = [*TOGGLES, "quiet_start", "quiet_end"]

    def clean_quiet_start(self) -> time:
        return self.cleaned_data["quiet_start"].replace(second=0, microsecond=0)

    def clean_quiet_end(self) -> time:
        return self.cleaned_data["quiet_end"].replace(second=0, microsecond=0)

    @property
    def toggles(self) -> list[forms.BoundField]:
        return [self[name] for name in TOGGLES]

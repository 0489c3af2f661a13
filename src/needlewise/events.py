"""What happened, told upwards: a lower app sends an event, the apps above that care listen.

Apps are layered (docs/architecture.md): an app imports only apps below it. When a change in a
lower app must move something owned by a higher one (a finished session re-plans reminders, a
new check moves the re-check reminder), the lower app sends one of these signals and the higher
app connects a receiver in its AppConfig.ready(). Receivers run at once, inside the sender's
transaction, so a failure still rolls the whole change back.

Every signal is sent with `sender=None` and keyword arguments only, named in its comment."""

from __future__ import annotations

from django.dispatch import Signal

#: user: the person's plans, sessions or limits changed: every date derived from them is re-planned.
schedule_changed = Signal()

#: session: a treatment session was recorded as done; its check-ins and aftercare ends are due.
session_finished = Signal()

#: user, reason: a profile answer the suitability verdict depends on changed (reason: what, in
#: words); the person's current checks stop counting and a new check is due.
screening_changed = Signal()

#: check: a suitability check was stored; its re-check date may move the re-check reminder.
check_recorded = Signal()

#: device: an owned device's head count, head or kind changed; its head-replacement date moves.
device_changed = Signal()

#: escalation, checkin, reason: a red-flag check-in opened the person's escalation or joined (and
#: maybe raised) the open one; reason says in words why plans pause. Active plans pause, and the
#: level's mails are queued (each level once per recipient).
escalation_raised = Signal()

#: user: the person's open escalation was cleared (a professional has seen them): paused plans
#: go on.
escalation_cleared = Signal()

#: checkin, photo: a check-in was stored with the photo fields its form gave (image, area), or
#: photo=None; a given image is stored and measured with the check-in, or the check-in fails.
checkin_recorded = Signal()

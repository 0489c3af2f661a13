from __future__ import annotations

from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "needlewise.treatments"
    label = "treatments"
    verbose_name = "Plans and sessions"

    def ready(self) -> None:
        from needlewise import events
        from needlewise.accounts.revisions import owner_through, track, track_all
        from needlewise.treatments import receivers
        from needlewise.treatments.models import Plan, SessionArea, TreatmentSession

        # Saving these moves their owner's data revision (cached pages; accounts.revisions).
        track_all([(Plan, "user"), (TreatmentSession, "user")])
        track(SessionArea, owner_through(TreatmentSession, "session"))

        # Told by recovery (below): a red flag pauses plans, clearing it resumes them.
        events.escalation_raised.connect(receivers.on_escalation_raised, dispatch_uid="treatments")
        events.escalation_cleared.connect(
            receivers.on_escalation_cleared, dispatch_uid="treatments"
        )

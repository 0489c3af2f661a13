"""Notifications: which mail goes to whom, exactly once (ARCHITECTURE.md, "One source for each
fact"). Apps tell this module what happened (`services.escalation_raised`); it decides who is
told, queues one row per (what, recipient), sends it after commit and retries what failed."""

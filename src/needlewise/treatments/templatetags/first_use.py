"""The guided first use on any app's page: `{% load first_use %}`, then

- `{% setup_steps "device" %}`: the step indicator ("Step 3 of 6", the list, "Finish later"),
  shown while the person walks the steps (`setup.IN_FLOW`), not on a page reached directly,
- `{% setup_return "device" %}` inside a step's form: saving it leads to the next step (in
  the steps only),
- `{% setup_next "device" %}`: the button to the next step (`allowed=False`: no button, a word
  on finishing later instead, e.g. when the check says not now).

Both render nothing once the person has a plan: the setup is behind them. The progress is read
once per request (one query)."""

from __future__ import annotations

from typing import Any

from django import template

from needlewise.treatments import setup

register = template.Library()


def _in_flow(context: template.Context) -> bool:
    """Walking the steps (see `setup.IN_FLOW`); a page reached directly stays as it was."""
    request = context.get("request")
    return bool(request is not None and request.session.get(setup.IN_FLOW))


def _progress(context: template.Context) -> setup.Progress | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(request, "_setup_progress"):
        request._setup_progress = setup.progress_for(user)  # type: ignore[union-attr]
    return request._setup_progress  # type: ignore[union-attr]


@register.inclusion_tag("treatments/_setup_steps.html", takes_context=True)
def setup_steps(context: template.Context, current: str) -> dict[str, Any]:
    progress = _progress(context) if _in_flow(context) else None
    # The last step's page shows it with the plan just made; no other page once there is one.
    if progress is None or (progress.complete and current != setup.SLUGS[-1]):
        return {"shown": False}
    return {"shown": True, **setup.indicator(progress, current)}


@register.inclusion_tag("treatments/_setup_next.html", takes_context=True)
def setup_next(context: template.Context, current: str, allowed: bool = True) -> dict[str, Any]:
    progress = _progress(context)
    if progress is None or progress.complete:
        return {"shown": False}
    return {"shown": True, "allowed": allowed, **setup.indicator(progress, current)}


@register.inclusion_tag("treatments/_setup_return.html", takes_context=True)
def setup_return(context: template.Context, current: str) -> dict[str, Any]:
    """A hidden `next` for a step's form, so saving it leads on to the following step."""
    progress = _progress(context) if _in_flow(context) else None
    if progress is None or progress.complete:
        return {"url": ""}
    following = setup.indicator(progress, current)["following"]
    return {"url": following.url if following else ""}  # type: ignore[attr-defined]


@register.inclusion_tag("treatments/_setup_continue.html", takes_context=True)
def setup_continue(context: template.Context) -> dict[str, Any]:
    """Today's "Continue setting up", at the first step the person's records leave undone."""
    progress = _progress(context)
    if progress is None or progress.complete:
        return {"shown": False}
    return {"shown": True, **setup.indicator(progress, progress.reached.slug)}

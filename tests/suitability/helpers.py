"""Walk the questionnaire as a person would: one POST per step."""

from __future__ import annotations

from django.test import Client

from needlewise.suitability.questions import STEPS


def step_data(slug: str, conditions: set[str], **extra: object) -> dict[str, object]:
    step = next(s for s in STEPS if s.slug == slug)
    if slug == "about-you":
        return {"birth_date": "1990-04-02", "skin_type": "2", **extra}
    if slug == "procedures":
        return {**extra}
    if slug == "areas":
        return {"areas": ["cheeks", "forehead"], "concerns": ["texture"], **extra}
    ticked = [code for code, _ in step.questions if code in conditions]
    return {"conditions": ticked, **extra}


def complete_check(client: Client, conditions: set[str] = frozenset(), **extra_by_step):
    """Post every step; return the final response (a redirect to the result)."""
    response = None
    for step in STEPS:
        data = step_data(step.slug, set(conditions), **extra_by_step.get(step.slug, {}))
        response = client.post(f"/check/step/{step.slug}/", data)
        assert response.status_code == 302, (step.slug, response.content.decode()[:2000])
    return response

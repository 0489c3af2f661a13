"""A person's record as a FHIR R4 Bundle (type collection), validated with fhir.resources.

fhir.resources 8 ships R5 as its default and R4B (4.3.0) as `fhir.resources.R4B`; R4B is the
R4 line, and every element used here is the same in R4 4.0.1. Codes: Needlewise's own, under
`CODE_SYSTEM/...`, clearly local: no SNOMED CT code is used, none could be checked here."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.accounts.services import profile_for
from needlewise.devices.queries import devices_for
from needlewise.recovery.models import RED_FLAG_LEVELS
from needlewise.recovery.queries import checkins_for
from needlewise.rules import followup, labels
from needlewise.treatments.glide_words import glide_words
from needlewise.treatments.models import GlideVerdict, TreatmentSession
from needlewise.treatments.queries import done_sessions

BASE = "https://needlewise.example/fhir"
CODE_SYSTEM = f"{BASE}/CodeSystem"
EXTENSION = f"{BASE}/StructureDefinition"
UCUM = "http://unitsofmeasure.org"
_NAMESPACE = uuid.UUID("6f1c3d1e-2a0b-4c55-9d53-1b6f0c2f7a10")
LEVEL_WORDS = {
    "urgent": "Urgent: seek care today",
    "see_dermatologist": "See a dermatologist",
    "watch": "Watch",
    "normal": "Normal recovery",
}


def _uuid(user: User, kind: str, key: object) -> str:
    """Stable ids: the same row gives the same id in every export of the same account."""
    return str(uuid.uuid5(_NAMESPACE, f"{user.pk}:{kind}:{key}"))


def _ref(resource_id: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource_id}"}


def _local(system: str, code: str, display: str = "") -> dict[str, Any]:
    coding = {"system": f"{CODE_SYSTEM}/{system}", "code": code, "display": display or code}
    return {"coding": [coding], "text": display or code}


def _coded(vocabulary: str, code: str) -> dict[str, Any]:
    """A vocabulary code with its label as the display a reader sees."""
    return _local(vocabulary, code, labels.label_or_words(code, vocabulary) if code else "")


def _mm(value: float) -> dict[str, Any]:
    return {"value": value, "unit": "mm", "system": UCUM, "code": "mm"}


def _when(value: Any) -> str:
    return timezone.localtime(value).isoformat()


def patient(user: User, pid: str) -> dict[str, Any]:
    """Minimal: an id, the birth date, a name only when the person gave one."""
    profile = profile_for(user)
    resource: dict[str, Any] = {"resourceType": "Patient", "id": pid}
    if profile.display_name:
        resource["name"] = [{"text": profile.display_name}]
    if profile.birth_date:
        resource["birthDate"] = profile.birth_date.isoformat()
    return resource


def devices(user: User, pid: str) -> list[dict[str, Any]]:
    out = []
    for device in devices_for(user):
        lengths = device.available_lengths()
        resource: dict[str, Any] = {
            "resourceType": "Device",
            "id": _uuid(user, "device", device.pk),
            "status": "active",
            "deviceName": [{"name": device.display_name, "type": "user-friendly-name"}],
            "type": _local("device-kind", device.kind, f"Microneedling {device.kind}"),
            "patient": _ref(pid),
        }
        if device.model_name and device.model_name != device.display_name:
            resource["deviceName"].append({"name": device.model_name, "type": "model-name"})
        if lengths:
            resource["property"] = [
                {
                    "type": _local("device-property", "needle-length", "Needle length"),
                    "valueQuantity": [_mm(mm) for mm in lengths],
                }
            ]
        if device.fda_number:
            resource["note"] = [{"text": f"FDA {device.fda_number}"}]
        out.append(resource)
    return out


def _body_site(record: Any) -> dict[str, Any]:
    site = _local("area", record.area, labels.label(record.area, "area"))
    site["extension"] = [
        {"url": f"{EXTENSION}/needle-length", "valueQuantity": _mm(float(record.needle_mm))}
    ]
    return site


def procedure(user: User, session: TreatmentSession, pid: str) -> dict[str, Any]:
    areas = list(session.area_records.all())
    lines = [
        f"{labels.label(r.area, 'area')}: {float(r.needle_mm):g} mm, {r.passes} passes, "
        f"pain {r.pain}/10, bleeding {labels.lower(r.bleeding, 'bleeding')}"
        for r in areas
    ]
    resource: dict[str, Any] = {
        "resourceType": "Procedure",
        "id": _uuid(user, "session", session.key),
        "identifier": [{"system": f"{BASE}/session", "value": str(session.key)}],
        "status": "completed",
        "code": _local("procedure", "home-microneedling", "Microneedling at home"),
        "subject": _ref(pid),
        "performedDateTime": _when(session.done_at),
        "bodySite": [_body_site(r) for r in areas],
        "note": [{"text": "; ".join(lines) or "No areas recorded."}],
    }
    if session.device_id:
        resource["usedReference"] = [_ref(_uuid(user, "device", session.device_id))]
    return _with_glide(resource, session)


def _with_glide(resource: dict[str, Any], session: TreatmentSession) -> dict[str, Any]:
    """What went on the skin while needling (POLICY.md section 8): the product as `usedCode`
    (its name as text: no code system names skincare products), the rule core's verdict as an
    extension, and the line in words as a note. An older session, never asked, gets none."""
    words = glide_words(session)
    if not words:
        return resource
    verdict = GlideVerdict(session.glide_verdict)
    resource["extension"] = [
        {
            "url": f"{EXTENSION}/glide-verdict",
            "valueCodeableConcept": _local("glide-verdict", verdict.value, verdict.label),
        }
    ]
    if verdict != GlideVerdict.NONE:
        resource["usedCode"] = [{"text": session.glide_name or "a product not named"}]
    resource["note"].append({"text": words})
    return resource


def _component(code: str, words: str, value: int) -> dict[str, Any]:
    return {"code": _local("checkin", code, words), "valueInteger": value}


def _late_components(checkin: Any) -> list[dict[str, Any]]:
    """A late check-in's day and its two questions answered yes or no: it asked no redness, pain
    or bleeding, so it claims none."""
    day = {"value": checkin.late_day, "unit": "days", "system": UCUM, "code": "d"}
    return [
        {"code": _local("checkin", "late-day", "Days after the session"), "valueQuantity": day},
        *[
            {"code": _local("late-question", code, text), "valueBoolean": code in checkin.symptoms}
            for code, text in followup.questions().items()
        ],
    ]


def late_observation(user: User, checkin: Any, pid: str) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": _uuid(user, "checkin", checkin.pk),
        "status": "final",
        "code": _local("checkin", "late-checkin", "Late check-in after microneedling"),
        "subject": _ref(pid),
        "partOf": [_ref(_uuid(user, "session", checkin.session.key))],
        "effectiveDateTime": _when(checkin.at),
        "interpretation": [_local("triage", checkin.level, LEVEL_WORDS.get(checkin.level, ""))],
        "component": _late_components(checkin),
        "note": [{"text": checkin.advice}] if checkin.advice else [],
    }


def observation(user: User, checkin: Any, pid: str) -> dict[str, Any]:
    if checkin.is_late:
        return late_observation(user, checkin, pid)
    return {
        "resourceType": "Observation",
        "id": _uuid(user, "checkin", checkin.pk),
        "status": "final",
        "code": _local("checkin", "recovery-checkin", "Skin check-in after microneedling"),
        "subject": _ref(pid),
        "partOf": [_ref(_uuid(user, "session", checkin.session.key))],
        "effectiveDateTime": _when(checkin.at),
        "interpretation": [_local("triage", checkin.level, LEVEL_WORDS.get(checkin.level, ""))],
        "component": [
            _component("redness", "Redness (0 none to 3 severe)", checkin.redness),
            _component("pain", "Pain (0 to 10)", checkin.pain),
            {
                "code": _local("checkin", "bleeding", "Bleeding"),
                "valueCodeableConcept": _coded("bleeding", checkin.bleeding),
            },
            *[
                {
                    "code": _local("checkin", "symptom", "Symptom"),
                    "valueCodeableConcept": _coded("symptom", code),
                }
                for code in checkin.symptoms
            ],
        ],
        "note": [{"text": checkin.advice}] if checkin.advice else [],
    }


def adverse_event(user: User, checkin: Any, pid: str) -> dict[str, Any]:
    return {
        "resourceType": "AdverseEvent",
        "id": _uuid(user, "adverse-event", checkin.pk),
        "actuality": "actual",
        "event": _local("triage", checkin.level, LEVEL_WORDS[checkin.level]),
        "subject": _ref(pid),
        "date": _when(checkin.at),
        "suspectEntity": [{"instance": _ref(_uuid(user, "session", checkin.session.key))}],
        "referenceDocument": [_ref(_uuid(user, "checkin", checkin.pk))],
    }


def bundle_dict(user: User) -> dict[str, Any]:
    """The Bundle as plain JSON-ready data (not yet validated)."""
    pid = _uuid(user, "patient", user.pk)
    resources = [patient(user, pid), *devices(user, pid)]
    resources += [procedure(user, s, pid) for s in done_sessions(user)]
    checkins = list(checkins_for(user).select_related("session"))
    resources += [observation(user, c, pid) for c in checkins]
    resources += [adverse_event(user, c, pid) for c in checkins if c.level in RED_FLAG_LEVELS]
    for resource in resources:
        if not resource.get("note", True):
            del resource["note"]
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": timezone.now().isoformat(),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }


def bundle(user: User) -> dict[str, Any]:
    """The Bundle, validated by fhir.resources (R4B): raises when a resource is malformed."""
    from fhir.resources.R4B.bundle import Bundle

    data = bundle_dict(user)
    Bundle.model_validate(data)
    return data

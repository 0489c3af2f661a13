"""Who gets what, for every route: the declarations `tests/test_authz_matrix.py` holds the app to.

One line a route. The key is the URL name (`"devices:detail"`) for a page, the OpenAPI path
(`"/api/devices/{device_id}"`) for an API operation, or the URL itself for a page without a name.
The value says who may use the route and what they get, per method:

    "devices:detail": own(GET=200, POST=302),         # the owner's record; strangers get 404
    "/api/devices/{device_id}": own(GET=200, DELETE=204),
    "sharing:limits": granted("sessions_recovery", GET=200, POST=302),
    "library:index": public(GET=200),

Every actor the rule entitles gets the status written for the method; every other actor gets
the refusal the kind of route gives (404 to a signed-in stranger, the log-in page or 401 to
nobody). A page method not written is a 405 for the entitled. `but={actor: {status}}` states an
exception, `ids={"entry_id": "cost_entry_id"}` fills a path parameter from another of the
world's objects, `data=` is the form a POST sends, `body={"PUT": {...}}` the API's JSON (a
`"{key}"` string in either is filled like a path parameter), `refusal=` what strangers get.
Routes under a prefix of DEFAULTS need no line (the admin's: nobody here is staff).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from needlewise.sharing.models import SCOPES

LOGIN = "login"  # a redirect to a log-in page
PAGE_METHODS = ("GET", "POST")
PROS = tuple(f"pro_{scope}" for scope in SCOPES)
SESSION_ACTORS = ("owner", "other", *PROS, "revoked", "expired", "pro_elsewhere")
TOKEN_ACTORS = ("owner_token", "fake_token")
ACTORS = (*SESSION_ACTORS, *TOKEN_ACTORS, "anonymous")
PROFESSIONALS = (*PROS, "revoked", "expired", "pro_elsewhere")  # a professional profile each

# Path parameters nobody can know: filled with a made-up value, the same for every actor.
MADE_UP = {
    "token": "made-up-token",
    "uidb64": "MQ",
    "content_type_id": "1",
    "object_id": "1",
    "id": "1",
    "app_label": "auth",
    "url": "nothing-here/",
}


@dataclass(frozen=True)
class Rule:
    """`who` reach the view and get `codes[method]`; `refusal` is what the others get."""

    who: tuple[str, ...]
    codes: dict[str, int | tuple[int | str, ...]]
    refusal: int | str = 404
    but: dict[str, Iterable[int | str]] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    data: dict[str, object] = field(default_factory=dict)
    body: dict[str, object] = field(default_factory=dict)
    actors: tuple[str, ...] = ()  # who is asked; empty: every actor


def _rule(who: Iterable[str], codes: dict) -> Rule:
    """Upper-case keywords are methods; the others are the Rule's options."""
    options = {k: v for k, v in codes.items() if not k.isupper()}
    return Rule(tuple(who), {k: v for k, v in codes.items() if k.isupper()}, **options)


def own(**codes) -> Rule:
    """The owner's record or action: a stranger learns nothing, not even that it exists."""
    return _rule(("owner", "owner_token"), codes)


def signed_in(**codes) -> Rule:
    """Anyone signed in, each seeing their own things (a list, a form)."""
    return _rule((*SESSION_ACTORS, "owner_token"), codes)


def public(**codes) -> Rule:
    return _rule(ACTORS, codes)


def granted(scope: str | None = None, **codes) -> Rule:
    """A professional with an active grant (of `scope`, when one is named) on this record."""
    who = PROS if scope is None else (f"pro_{scope}",)
    return _rule(who, codes)


def staff(**codes) -> Rule:
    """The admin: nobody here is staff, so everyone is sent to the admin's log-in. Django's
    admin decides on `is_staff` alone, so a signed-in person, a professional and an anonymous
    visitor stand for every actor (each admin route as all twelve would add half a minute)."""
    return Rule((), codes, refusal=LOGIN, actors=("owner", "pro_photos", "anonymous"))


def actors_of(rule: Rule) -> tuple[str, ...]:
    return rule.actors or ACTORS


DEFAULTS = {"/admin/": staff()}

NO_SESSION = ("owner_token", "fake_token", "anonymous")  # on a page, a token is no one
HIDDEN_FILE = {actor: {404, 405} for actor in NO_SESSION}  # a private file: 404, not log-in
NO_CHECK = {actor: {404} for actor in PROFESSIONALS}  # they have no suitability check
ANY = None  # granted(ANY): a grant of any scope
LIMITS = {"mm_cheeks": "0.75", "min_interval_days": "21"}
LATE = {"session": "{key}", "day": 21, "answers": {"new_bumps": False, "nonhealing_sore": False}}
SESSION = {"areas": [{"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 2}]}

ROUTES: dict[str, Rule] = {
    # accounts
    "accounts:sign_up": public(GET=(200, 302), POST=(302, 400)),
    "accounts:login": public(GET=(200, 302), POST=(200, 302)),
    "accounts:logout": public(POST=302),
    # second factors (issue 16): the log-in steps are public, the rest is the account's own
    "accounts:login_factor": public(GET=LOGIN, POST=LOGIN),  # no password given yet
    "accounts:passkey_login_options": public(GET=(200, 405), POST=(200, 400)),
    "accounts:passkey_login": public(GET=(200, 405), POST=(200, 400)),
    "accounts:security": signed_in(GET=200),
    "accounts:passkey_options": signed_in(GET=(200, 405), POST=(200, 400)),
    "accounts:passkey_register": signed_in(GET=(200, 405), POST=(200, 400)),
    "accounts:passkey_remove": own(GET=200, POST=(200, 302, 400)),
    "accounts:confirm_options": signed_in(GET=(200, 405), POST=(200, 400)),
    "accounts:totp_setup": signed_in(GET=200, POST=(200, 400)),
    "accounts:totp_remove": signed_in(GET=302, POST=(200, 302, 400)),
    "accounts:recovery_codes": signed_in(GET=(200, 302)),
    # The owner has a passkey, so she is asked to confirm; the others have no factor to renew.
    "accounts:codes_renew": signed_in(
        GET=302, POST=(200, 302, 400), but={"owner": {200, 302, 400}}
    ),
    "accounts:requirement_on": signed_in(GET=(200, 302, 405), POST=(200, 302, 400)),
    "accounts:requirement_off": signed_in(GET=(200, 302, 405), POST=(200, 302, 400)),
    "accounts:devices": signed_in(GET=200),
    "accounts:sign_out": own(POST=(302, 404)),
    "accounts:sign_out_others": signed_in(POST=302),
    "accounts:profile": signed_in(GET=200, POST=400),
    "accounts:token_create": signed_in(POST=400),
    "accounts:token_revoke": own(POST=302),
    "accounts:password_change": signed_in(GET=200, POST=200),
    "accounts:password_change_done": signed_in(GET=200),
    "accounts:password_reset": public(GET=200, POST=200),
    "accounts:password_reset_done": public(GET=200),
    "accounts:password_reset_confirm": public(GET=200, POST=200),
    "accounts:password_reset_complete": public(GET=200),
    "/api/me": signed_in(GET=200),
    # rules
    "rulebook:index": public(GET=200),
    "rulebook:ingredients": public(GET=200, POST=400),
    "/api/rules/screen": public(POST=422),
    "/api/rules/needles": public(POST=422),
    "/api/rules/next-session": public(POST=422),
    "/api/rules/ingredients": public(POST=422),
    "/api/rules/aftercare": public(POST=422),
    "/api/rules/triage": public(POST=422),
    # suitability
    "suitability:start": signed_in(GET=200),
    "suitability:step": signed_in(GET=200, POST=400, ids={"slug": "step_slug"}),
    "suitability:result": own(GET=200),
    "/api/checks/": signed_in(GET=200, POST=422),
    "/api/checks/current": signed_in(GET=200, but=NO_CHECK),
    "/api/checks/{check_id}": own(GET=200),
    # devices
    "devices:list": signed_in(GET=200),
    "devices:add": signed_in(GET=200, POST=400),
    "devices:add_custom": signed_in(GET=200, POST=400),
    "devices:detail": own(GET=200),
    "devices:edit": own(GET=200, POST=400),
    "devices:sterilise": own(POST=400),
    "devices:head_change": own(POST=302),
    "devices:delete": own(GET=200, POST=302),
    "/api/devices/catalogue": signed_in(GET=200),
    "/api/devices/": signed_in(GET=200, POST=422),
    "/api/devices/{device_id}": own(GET=200, PATCH=200, DELETE=204),
    "/api/devices/{device_id}/sterilisations": own(POST=201),
    "/api/devices/{device_id}/head-changes": own(POST=201),
    # reminders
    "reminders:settings": signed_in(GET=200, POST=400),
    "reminders:rotate_calendar": signed_in(POST=302),
    "reminders:calendar_feed": public(GET=404),
    "/api/reminders/": signed_in(GET=200),
    "/api/reminders/settings": signed_in(GET=200, PUT=422),
    "/api/reminders/calendar-token": signed_in(POST=200),
    # products
    "products:shelf": signed_in(GET=200),
    "products:safe_now": signed_in(GET=200),
    "products:add": signed_in(GET=200, POST=400),
    "products:avoid": signed_in(GET=200, POST=400),
    "products:avoid_remove": own(POST=302),
    "products:detail": own(GET=200),
    "products:edit": own(GET=200, POST=400),
    "products:delete": own(GET=200, POST=302),
    "/api/products/": signed_in(GET=200, POST=422),
    "/api/products/safe-now": signed_in(GET=200),
    "/api/products/avoid": signed_in(GET=200, POST=422),
    "/api/products/avoid/{entry_id}": own(DELETE=204),
    "/api/products/{product_id}": own(GET=200, PUT=200, DELETE=204, body={"PUT": {"name": "X"}}),
    # recovery
    "recovery:index": signed_in(GET=200),
    "recovery:checkin": signed_in(GET=200, POST=400),
    "recovery:result": own(GET=200),
    "recovery:session": own(GET=200),
    "recovery:chart": own(GET=200),
    "recovery:clear": own(POST=302),
    "recovery:late": own(GET=200, POST=400),
    "/api/recovery/checkins": signed_in(GET=200, POST=422),
    "/api/recovery/checkins/{checkin_id}": own(GET=200),
    "/api/recovery/escalations": signed_in(GET=200),
    # the key is in the body: a stranger's 422 says "no finished session of yours", as for a
    # made-up key; the owner's says when it opens (the matrix asks on day 2, before day 21)
    "/api/recovery/late-checkins": own(POST=422, refusal=422, body={"POST": LATE}),
    "/api/recovery/escalations/{escalation_id}/clear": own(POST=200),
    # progress
    "progress:index": signed_in(GET=200),
    "progress:upload": signed_in(GET=200, POST=400),
    "progress:guide": signed_in(GET=200),
    "progress:compare": signed_in(GET=200),
    "progress:ratings": signed_in(GET=200, POST=400),
    "progress:chart": signed_in(GET=200),
    "progress:photo": own(GET=200),
    "progress:measure": own(POST=400),
    "progress:delete": own(GET=200, POST=302),
    "progress:file": own(GET=200, but=HIDDEN_FILE),
    "progress:thumb": own(GET=200, but=HIDDEN_FILE),
    "/api/progress/photos": signed_in(GET=200, POST=422),
    "/api/progress/photos/{photo_id}": own(GET=200, DELETE=204),
    "/api/progress/photos/{photo_id}/file": own(GET=200),
    "/api/progress/photos/{photo_id}/thumb": own(GET=200),
    "/api/progress/photos/{photo_id}/readings": own(GET=200, POST=201),
    "/api/progress/ratings": signed_in(GET=200, POST=422),
    # library
    "library:cost": signed_in(GET=200, POST=400),
    "library:clinic_price": signed_in(POST=302),
    "library:cost_delete": own(POST=302, ids={"entry_id": "cost_entry_id"}),
    "library:cost_chart": signed_in(GET=200),
    "library:index": public(GET=200),
    "library:guide": public(GET=200, ids={"slug": "guide_slug"}),
    "library:news": public(GET=200),
    "library:news_detail": public(GET=200, ids={"pk": "news", "slug": "news_slug"}),
    "library:search": public(GET=200),
    "library:feed": public(GET=200),
    "library:subscribe": public(GET=200, POST=400),
    "library:subscribe_sent": public(GET=200),
    "library:confirm": public(GET=400, POST=400),
    "library:unsubscribe": public(GET=400, POST=400),
    # sharing: the person's side
    "sharing:index": signed_in(GET=200, POST=400),
    "sharing:revoke": own(POST=302),
    "sharing:cancel_invite": own(POST=302),
    "sharing:audit": signed_in(GET=200),
    "sharing:accept": public(GET=410, POST=410),
    "/api/sharing/grants": signed_in(GET=200, POST=422),
    "/api/sharing/grants/{grant_id}/revoke": own(POST=204),
    "/api/sharing/audit": signed_in(GET=200),
    "/api/sharing/limits": signed_in(GET=200),
    # sharing: the professional's side, one grant each (the actor's own grant in the URL)
    "sharing:professional": signed_in(GET=200, POST=400),
    "sharing:clients": signed_in(GET=200),
    "sharing:client": granted(ANY, GET=200),
    "sharing:note": granted(ANY, POST=302, data={"body": "Patch test first."}),
    "sharing:limits": granted("sessions_recovery", GET=200, POST=302, data=LIMITS),
    "sharing:avoid": granted("sessions_recovery", POST=302, data={"ingredient": "Linalool"}),
    "sharing:photo_file": granted("photos", GET=200),
    "sharing:photo_thumb": granted("photos", GET=200),
    "sharing:clear": granted("sessions_recovery", POST=302),
    "shared_report:pdf": granted(ANY, GET=200),
    "/api/sharing/clients": signed_in(GET=200),
    "/api/sharing/clients/{grant_id}": granted(ANY, GET=200),
    "/api/sharing/clients/{grant_id}/photos/{photo_id}/file": granted("photos", GET=200),
    "/api/sharing/clients/{grant_id}/photos/{photo_id}/thumb": granted("photos", GET=200),
    "/api/sharing/clients/{grant_id}/limits": granted("sessions_recovery", GET=200, PUT=200),
    "/api/sharing/clients/{grant_id}/notes": granted(ANY, GET=200, POST=201,
                                                     body={"POST": {"body": "Hello"}}),
    "/api/sharing/clients/{grant_id}/report": granted(ANY, GET=200),
    # my data
    "portability:index": signed_in(GET=200),
    "portability:report": signed_in(GET=400),
    "portability:send_report": signed_in(POST=400),
    "portability:delete": signed_in(GET=200, POST=400),
    "portability:deleted": public(GET=200),
    "/api/export/fhir": signed_in(GET=200),
    "/api/export/all": signed_in(GET=200),
    # treatments
    "treatments:setup": signed_in(GET=(200, 302)),  # 302: a plan, the setup is done
    "treatments:setup_resume": signed_in(GET=302),
    "treatments:setup_sterilise": signed_in(GET=200),
    "treatments:setup_first_date": signed_in(GET=(200, 302)),  # 302: no plan yet
    "treatments:plans": signed_in(GET=200),
    "treatments:plan_new": signed_in(GET=200, POST=400),
    "treatments:plan": own(GET=200, POST=400),
    "treatments:plan_resume": own(POST=302),
    "treatments:plan_end": own(POST=302),
    "treatments:start": own(GET=200, POST=409),
    "treatments:session": own(GET=200),
    "treatments:aftercare": own(GET=200),
    "treatments:prepare": own(GET=302, POST=302),
    "treatments:technique": own(GET=302),
    "treatments:glide": own(GET=302, POST=302),
    "treatments:finish": own(GET=302, POST=302),
    "treatments:discard": own(POST=302),
    "/api/plans": signed_in(GET=200, POST=422),
    "/api/plans/{plan_id}": own(GET=200),
    "/api/plans/{plan_id}/sessions": own(POST=(201, 409), body={"POST": SESSION}),
    "/api/sessions": signed_in(GET=200),
    "/api/sessions/{key}": own(GET=200),
    # the API's own pages, and the rest
    "api:openapi-json": public(GET=200, POST=200),
    "api:openapi-view": public(GET=200, POST=200),
    "api:api-root": public(GET=404, POST=404),
    # Sent to our log-in, with its second factor (issue 16), for anyone.
    "admin:login": public(GET=LOGIN, POST=LOGIN, actors=staff().actors),
    "admin:logout": public(GET=302, POST=302, actors=staff().actors),
    "home": public(GET=200),
    "healthz": public(GET=200),
}  # fmt: skip


# Words only the owner's records hold, and who besides the owner may read each: any answer to
# anyone else that contains one is a leak, whatever its status.
MARKERS = {
    "name": ("zebulon", PROS),  # the owner's display name and address
    "product": ("quokka balm", ("pro_products",)),
    "checkin": ("wombat itch", ()),  # a check-in's own notes: not on the professional's timeline
    "cost": ("narwhal roller", ()),
}


def leaked(text: str, actor: str) -> list[str]:
    """The owner's markers in `text` that `actor` may not read."""
    if actor in ("owner", "owner_token"):
        return []
    return [what for what, (word, who) in MARKERS.items() if actor not in who and word in text]


def rule_for(key: str, template: str) -> Rule | None:
    """The route's own line, else the default of the longest prefix of its URL."""
    if key in ROUTES:
        return ROUTES[key]
    prefixes = [p for p in DEFAULTS if template.startswith(p)]
    return DEFAULTS[max(prefixes, key=len)] if prefixes else None


def entitled(rule: Rule, actor: str, is_api: bool) -> bool:
    """A token is a way into the API only; on a page its bearer is anonymous."""
    if actor == "owner_token" and not is_api:
        return "anonymous" in rule.who
    return actor in rule.who


def _refusal(rule: Rule, actor: str, is_api: bool) -> int | str:
    signed_in = actor in SESSION_ACTORS or (actor == "owner_token" and is_api)
    if signed_in:
        return rule.refusal
    return 401 if is_api else LOGIN


def expected(rule: Rule, method: str, actor: str, is_api: bool) -> set[int | str]:
    """The answers `actor` may get: an exception, the entitled code, or the refusal. A method
    the view does not take may be refused before or after the method is looked at."""
    if actor in rule.but:
        return set(rule.but[actor])
    code = rule.codes.get(method, 405)
    codes = set(code) if isinstance(code, tuple) else {code}
    if entitled(rule, actor, is_api):
        return codes
    refusal = _refusal(rule, actor, is_api)
    return {refusal, 405} if codes == {405} else {refusal}


def holds_record(template: str) -> bool:
    """A URL naming one of the owner's objects: never a 2xx for someone not entitled to it."""
    params = set(re.findall(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", template))
    names = {a or b for a, b in params}
    return bool(names - set(MADE_UP) - {"slug", "pk", "step_slug", "guide_slug"})

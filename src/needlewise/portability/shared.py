"""The report as a professional gets it: only the parts of their grant's scopes, and each part
it holds written to the client's audit log (`sharing.services.record_reads`) before it goes."""

from __future__ import annotations

from datetime import date

from needlewise.portability.report import render
from needlewise.portability.report_data import ReportData, gather
from needlewise.sharing import services as sharing
from needlewise.sharing.models import Grant, Scope
from needlewise.sharing.queries import display_name

#: How each way a report reaches a professional is named in the audit log.
DOWNLOADED = "report"
EMAILED = "report by e-mail"


def reads(data: ReportData, how: str) -> list[tuple[str, object]]:
    """What the report holds, as audit entries ("report: sessions", how many); photos only
    when it shows some."""
    out: list[tuple[str, object]] = []
    if data.has(Scope.PROFILE_CHECKS):
        out.append((f"{how}: profile", data.profile.pk))
        out.append((f"{how}: suitability check", data.check.pk if data.check else None))
    if data.has(Scope.SESSIONS_RECOVERY):
        out.append((f"{how}: plans", len(data.plans)))
        out.append((f"{how}: sessions", len(data.sessions)))
        out.append((f"{how}: check-ins", len(data.checkins)))
    if data.has(Scope.PRODUCTS):
        out.append((f"{how}: products and avoid list", len(data.flagged) + len(data.avoid)))
    if data.has(Scope.PHOTOS) and data.photos:
        out.append((f"{how}: photos and redness readings", len(data.photos)))
    return out


def shared_data(grant: Grant, start: date, end: date) -> ReportData:
    """The grant's part of the client's record for the range; nothing else is read."""
    return gather(grant.client, start, end, grant.scopes, display_name(grant.professional))


def audited_pdf(grant: Grant, data: ReportData, how: str) -> bytes:
    """The PDF of `shared_data`, its reads audited first."""
    sharing.record_reads(grant, reads(data, how))
    return render(data)


def shared_report(grant: Grant, start: date, end: date, how: str = DOWNLOADED) -> bytes:
    """The PDF for the grant's professional, audited."""
    return audited_pdf(grant, shared_data(grant, start, end), how)

"""The PDF report (reportlab): profile and check, plans, sessions, recovery, a chart, products,
photos; for a professional only the parts their grant shares, and it says which."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import ngettext
from matplotlib.figure import Figure
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from needlewise import charts
from needlewise.accounts.models import SkinType, User
from needlewise.people_words import person_date, person_datetime
from needlewise.portability.report_data import LEVEL_WORDS, ReportData, describe_chart, gather
from needlewise.recovery.signs import late_line, symptom_words
from needlewise.reminders.services import zone_for
from needlewise.rulebook.summaries import word
from needlewise.rules import labels
from needlewise.sharing.models import Scope
from needlewise.treatments.glide_words import glide_words

DISCLAIMER = (
    "Needlewise gives general guidance, not a diagnosis. It does not replace a dermatologist "
    "or skincare professional."
)
_STYLES = getSampleStyleSheet()
_TABLE = TableStyle(
    [
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _day(value: Any) -> str:
    """A date in the people's style, with its year always: a report is kept past the year."""
    return person_date(value, year=True)


def _when(value: Any) -> str:
    return person_datetime(value, year=True)


def _p(text: str, style: str = "BodyText") -> Paragraph:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped, _STYLES[style])


def _cell(cell: Any) -> Any:
    """A cell's text as a paragraph; a list of lines as one paragraph each."""
    if isinstance(cell, list):
        return [_p(str(line)) for line in cell]
    return _p(str(cell))


def _table(header: list[str], rows: list[list[Any]], empty: str) -> Flowable:
    if not rows:
        return _p(empty)
    cells = [header] + [[_cell(cell) for cell in row] for row in rows]
    table = Table(cells, repeatRows=1, hAlign="LEFT")
    table.setStyle(_TABLE)
    return table


def _profile(data: ReportData) -> list[Flowable]:
    profile, check = data.profile, data.check
    skin = SkinType(profile.skin_type).label if profile.skin_type else "not given"
    lines = [
        f"Name: {profile.display_name or 'not given'}",
        f"Birth date: {profile.birth_date or 'not given'}",
        f"Skin type: {skin}",
    ]
    if check is None:
        lines.append("Suitability check: none yet.")
    else:
        state = "current" if data.check_is_current else "no longer current: a new check is due"
        lines.append(
            f"Suitability check of {_day(check.created_at)}: {word(check.verdict)} ({state})."
        )
        lines += [f"• {r.get('message', r.get('code', ''))}" for r in check.reasons]
    return [_p("Profile and suitability", "Heading2"), *[_p(line) for line in lines]]


def _plans(data: ReportData) -> list[Flowable]:
    rows = [
        [
            labels.label(p.concern, "concern"),
            p.get_status_display() + (f": {p.paused_reason}" if p.paused_reason else ""),
            p.start_date,
            ", ".join(f"{labels.label(a, 'area')} {float(v):g} mm" for a, v in p.needle_mm.items()),
            p.device or "",
        ]
        for p in data.plans
    ]
    header = ["Concern", "Status", "Start", "Needle per area", "Device"]
    return [_p("Plans", "Heading2"), _table(header, rows, "No plans.")]


def _session_lines(session: Any) -> list[str]:
    """The areas, then what went on the skin while needling (nothing for an older session)."""
    areas = "; ".join(
        f"{labels.lower(r.area, 'area')} {float(r.needle_mm):g} mm, {r.passes} passes, "
        f"pain {r.pain}, bleeding {labels.lower(r.bleeding, 'bleeding')}"
        for r in session.area_records.all()
    )
    glide = glide_words(session)
    return [areas, glide] if glide else [areas]


def _sessions(data: ReportData) -> list[Flowable]:
    rows = [[f"{_day(s.done_at)}", s.device or "", _session_lines(s)] for s in data.sessions]
    header = ["Date", "Device", "Areas: needle length, passes, pain, bleeding; the glide"]
    return [_p("Sessions", "Heading2"), _table(header, rows, "No sessions in this period.")]


def _recovery(data: ReportData) -> list[Flowable]:
    rows = [
        [
            _when(c.at),
            f"{c.hours_since_session:.0f} h",
            c.redness,
            c.pain,
            capfirst(symptom_words(c.symptoms)) if c.symptoms else "—",
            LEVEL_WORDS.get(c.level, c.level),
        ]
        for c in data.early_checkins
    ]
    header = ["When", "After session", "Redness", "Pain", "Symptoms", "Triage"]
    empty = "No check-ins in this period." if not data.late_checkins else "No early check-ins."
    out = [_p("Recovery", "Heading2"), _table(header, rows, empty)]
    out += [_p(f"{_day(c.at)}: {late_line(c)}") for c in data.late_checkins]
    for e in data.escalations:
        state = f"cleared {_day(e.cleared_at)}" if e.cleared_at else "still open"
        out.append(_p(f"Red flag of {_day(e.opened_at)}: {LEVEL_WORDS[e.level]} ({state})."))
    return out


def _products(data: ReportData) -> list[Flowable]:
    rows = [
        [s.product, word(s.level), s.reasons[0].message if s.reasons else ""] for s in data.flagged
    ]
    header = ["Product", "Now", "Why"]
    avoid = ", ".join(e.label for e in data.avoid) or "nothing"
    return [
        _p("Products flagged", "Heading2"),
        _table(header, rows, "No product is flagged now."),
        _p(f"Avoid list: {avoid}."),
    ]


def _thumbnail(photo: Any) -> Flowable | str:
    """The photo's private thumbnail, about 30 mm wide; words when its file is missing."""
    from needlewise.progress import images

    path = images.paths(photo.token)[1]
    if not path.exists():
        return "file missing"
    width = 30 * mm
    height = width * photo.height / photo.width if photo.width else width
    return Image(str(path), width=width, height=height)


def _photos(data: ReportData) -> list[Flowable]:
    out: list[Flowable] = [_p("Progress photos", "Heading2")]
    if not data.photos:
        return [*out, _p("No progress photos in this period.")]
    header = ["Photo", "Taken", "Area", "Redness (a*)", "Against the baseline"]
    cells: list[list[Any]] = [header]
    for m in data.photos:
        reading = f"{m.reading.a_star:.1f}" if m.reading else "not measured"
        when, area = f"{_day(m.photo.taken_on)}", labels.label(m.photo.area, "area")
        cells.append([_thumbnail(m.photo), _p(when), _p(area), _p(reading), _p(m.change or "")])
    table = Table(cells, repeatRows=1, hAlign="LEFT")
    table.setStyle(_TABLE)
    out.append(table)
    if data.more_photos:
        more = ngettext(
            "%(n)s more photo in this period is not shown.",
            "%(n)s more photos in this period are not shown.",
            data.more_photos,
        )
        out.append(_p(more % {"n": data.more_photos}))
    out.append(
        _p(
            "Redness is compared only with the same person's own earlier photos; there is no "
            "validated a* threshold, so no figure here is a verdict."
        )
    )
    return out


def chart_png(data: ReportData) -> bytes:
    """Redness and pain at each check-in; markers and line styles differ, not colour alone."""
    return charts.render(
        lambda figure: _draw(figure, data), height=2.6, fmt="png", width=6.4, dpi=150
    )


def _draw(figure: Figure, data: ReportData) -> None:
    axes = figure.subplots()
    early = data.early_checkins
    when = [c.at for c in early]
    axes.plot(
        when,
        [c.redness for c in early],
        label="Redness (0–3)",
        **(charts.series_style(1) | {"marker": "o", "linestyle": "-"}),
    )
    axes.plot(
        when,
        [c.pain for c in early],
        label="Pain (0–10)",
        **(charts.series_style(0) | {"marker": "s", "linestyle": "--"}),
    )
    axes.set_title("Check-ins after sessions")
    charts.style(axes, integer_y=True, top=10.5)
    charts.dates(axes)


def _chart(data: ReportData) -> list[Flowable]:
    out: list[Flowable] = [_p("Recovery chart", "Heading2")]
    if data.early_checkins:
        out.append(Image(io.BytesIO(chart_png(data)), width=160 * mm, height=65 * mm))
    out.append(_p(describe_chart(data)))
    return out


#: Each part of the report, with the scope that shares it.
PARTS = (
    (Scope.PROFILE_CHECKS, _profile),
    (Scope.SESSIONS_RECOVERY, _plans),
    (Scope.SESSIONS_RECOVERY, _sessions),
    (Scope.SESSIONS_RECOVERY, _recovery),
    (Scope.SESSIONS_RECOVERY, _chart),
    (Scope.PRODUCTS, _products),
    (Scope.PHOTOS, _photos),
)


def shared_note(data: ReportData) -> str:
    """What a professional's copy holds and leaves out, in words ("" for the person's own)."""
    if data.shared_with is None:
        return ""
    text = (
        f"Made for {data.shared_with}. It holds only what {data.name} shares with them: "
        f"{'; '.join(data.shared) or 'nothing'}."
    )
    if data.not_shared:
        text += f" Not shared, so not in this report: {'; '.join(data.not_shared)}."
    return text


def render(data: ReportData, *, compress: bool = True) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        title="Needlewise report",
        author="Needlewise",
        pageCompression=1 if compress else 0,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )
    title = "Needlewise report" if data.shared_with is None else f"{data.name}'s Needlewise report"
    story: list[Flowable] = [
        _p(title, "Title"),
        _p(f"{_day(data.start)} to {_day(data.end)}. Made {_day(data.generated_at)}."),
    ]
    if note := shared_note(data):
        story.append(_p(note, "Heading4"))
    story += [_p(DISCLAIMER, "Italic"), Spacer(1, 4 * mm)]
    for scope, part in PARTS:
        if data.has(scope):
            story += part(data)
    story += [Spacer(1, 6 * mm), _p(DISCLAIMER, "Italic")]
    doc.build(story)
    return out.getvalue()


def report_pdf(user: User, start: date, end: date, *, compress: bool = True) -> bytes:
    """Dates read in the person's time zone, as on her pages."""
    with timezone.override(zone_for(user)):
        return render(gather(user, start, end), compress=compress)

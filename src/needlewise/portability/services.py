"""State changes and files for portability: the complete export and deleting an account."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import IO

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from needlewise import mail
from needlewise.accounts.models import User
from needlewise.accounts.services import profile_for
from needlewise.portability import emails
from needlewise.portability.owned import StoredFile, collect, newsletter_rows, report_dir, serialise
from needlewise.rules.errors import InputError

log = logging.getLogger(__name__)
EXPORT_FORMAT = "needlewise-export/1"
README = """Needlewise: everything stored about your account.

data.json   every row, grouped by kind ("app.model"); each row has its "id" and its fields.
            Secrets (your password hash, token digests, the calendar feed token) are redacted.
files/      your photos and other files, under the names data.json gives them.
"""


def export_zip(user: User) -> IO[bytes]:
    """A zip of `data.json` and every file the person's rows point at, rewound to the start.

    Spooled: small exports stay in memory, large ones (many photos) go to a temporary file."""
    owned = collect(user)
    files = owned.files()
    document = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "user_id": user.pk,
        "counts": owned.counts(),
        "rows": serialise(owned),
        "files": [
            {"model": f.model, "id": f.pk, "name": f.name, "path": f.archive_name} for f in files
        ],
    }
    out = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        archive.writestr("data.json", json.dumps(document, cls=DjangoJSONEncoder, indent=1))
        for stored in files:
            _add_file(archive, stored)
    out.seek(0)
    return out


def _add_file(archive: zipfile.ZipFile, stored: StoredFile) -> None:
    try:
        with stored.storage.open(stored.name, "rb") as source:
            archive.writestr(stored.archive_name, source.read())
    except FileNotFoundError:
        log.warning("export: %s of %s %s is missing", stored.name, stored.model, stored.pk)


@dataclass(frozen=True)
class Deleted:
    """What is left once an account is gone: where the confirmation went, and how much went."""

    email: str
    name: str
    rows: int
    files: int


def delete_account(user: User) -> Deleted:
    """Delete the person and everything they own in one transaction; files and the e-mail
    follow only once it has committed, so a rollback never leaves rows without their files."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        owned = collect(user)
        files = owned.files()
        folder = report_dir(user)  # before the delete: it clears user.pk
        profile = profile_for(user)
        done = Deleted(
            email=user.email,
            name=profile.name,
            rows=sum(owned.counts().values()),
            files=len(files),
        )
        _revoke_grants(user)
        for subscription in newsletter_rows(user):
            subscription.delete()
        _forget_login_attempts(user.email)
        user.delete()
        transaction.on_commit(lambda: _remove_files(files, folder))
        transaction.on_commit(lambda: _forget_mail_files(done.email, profile.display_name))
        transaction.on_commit(lambda: _confirm(done))
    return done


def _revoke_grants(user: User) -> None:
    """End every grant the person gave through the sharing service, so access stops as a revoke
    would; then CASCADE deletes grants given and held, invites, notes and the audit log."""
    from needlewise.sharing import services as sharing
    from needlewise.sharing.models import Grant

    for grant_id in Grant.objects.filter(client=user, revoked_at__isnull=True).values_list(
        "pk", flat=True
    ):
        sharing.revoke(user, grant_id)


def _forget_login_attempts(email: str) -> None:
    """django-axes keeps failed log-ins by address and IP: personal data, not needed any more.

    Deleted without signals: with Redis, axes's cache handler has no receiver for them and a
    leftover row would fail the deletion. Its Redis counters hold only a hash of the address and
    expire with the 15-minute cool-off."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        rows = model.objects.filter(username__iexact=email)
        rows._raw_delete(rows.db)  # type: ignore[attr-defined]


def _remove_files(files: list[StoredFile], folder: object) -> None:
    for stored in files:
        try:
            stored.storage.delete(stored.name)
        except OSError:
            log.exception("deletion: could not remove %s", stored.name)
    shutil.rmtree(folder, ignore_errors=True)  # type: ignore[arg-type]


def _forget_mail_files(email: str, display_name: str) -> None:
    """Mail written to files under the data dir (no EMAIL_URL) named the person after the
    account was gone. The confirmation, sent next, is the one mail left: it is theirs. The
    name counts only if they chose one (not the greeting made from the address)."""
    try:
        mail.forget_in_files(email, display_name)
    except OSError:
        log.exception("deletion: could not remove the mail files naming the person")


def _confirm(done: Deleted) -> None:
    try:
        emails.send_deleted(done)
    except Exception:  # the account is gone either way; the page says so too
        log.exception("deletion: the confirmation e-mail could not be sent")


def send_report(user: User, grant_id: int, start: date, end: date) -> str:
    """E-mail the report to a professional the person shares with (an active grant of
    theirs): only the parts that grant shares, and the mail says which. The reads are audited
    with the send, in one transaction, so a refused send leaves no entry. Returns the address.
    InputError names `grant` when there is no such share."""
    from needlewise import mail
    from needlewise.portability.shared import EMAILED, audited_pdf, shared_data
    from needlewise.sharing.queries import active_grants_given

    grant = (
        active_grants_given(user, timezone.now())
        .select_related("professional", "professional__profile", "client", "client__profile")
        .filter(pk=grant_id)
        .first()
    )
    if grant is None:
        raise InputError("grant", "choose one of the professionals you share with")
    data = shared_data(grant, start, end)
    context = {"client_name": data.name, "start": start, "end": end,
               "shared": data.shared, "not_shared": data.not_shared}  # fmt: skip
    message = mail.triplet("portability/email/report", context, grant.professional.email)
    with transaction.atomic():
        message.attach(
            f"needlewise-report-{start:%Y%m%d}-{end:%Y%m%d}.pdf",
            audited_pdf(grant, data, EMAILED),
            "application/pdf",
        )
        message.send()
    return grant.professional.email

"""Everything a person owns, found the way deleting them would find it.

Django's deletion `Collector` walks every CASCADE relation from the user row, so the export and
the deletion read the same graph: a model added by any app later is exported and deleted without
a change here. Rows that only point at the person with SET_NULL (an avoid entry a professional
added, an escalation they cleared) belong to someone else and are left out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage
from django.db import models, router
from django.db.models.deletion import Collector

from needlewise.accounts.models import User

#: Secrets and server bookkeeping that never leave the server, even to their owner.
REDACTED = {
    "accounts.user": {"password"},
    "accounts.apitoken": {"digest"},
    "reminders.remindersettings": {"calendar_token"},
    "reminders.reminder": {"claim_token"},
    "library.newsletterdelivery": {"claim_token"},
}


@dataclass(frozen=True)
class StoredFile:
    """A file a row points at: where it is stored and the row that owns it."""

    storage: Storage
    name: str
    model: str
    pk: object
    folder: str = "files"

    @property
    def archive_name(self) -> str:
        """A safe path inside the zip: the stored name, never climbing out of its folder."""
        name = self.name.replace("\\", "/")
        parts = [p for p in PurePosixPath(name).parts if p not in ("..", "/")]
        return f"{self.folder}/" + "/".join(parts or ["unnamed"])


@dataclass
class Owned:
    """The rows of one person, by model label (`app.model`), and the files they point at."""

    rows: dict[str, list[models.Model]] = field(default_factory=dict)

    def add(self, instance: models.Model) -> None:
        found = self.rows.setdefault(instance._meta.label_lower, [])
        if all(existing.pk != instance.pk for existing in found):
            found.append(instance)

    def counts(self) -> dict[str, int]:
        return {label: len(found) for label, found in sorted(self.rows.items())}

    def instances(self) -> Iterator[models.Model]:
        for found in self.rows.values():
            yield from found

    def files(self) -> list[StoredFile]:
        return [f for instance in self.instances() for f in _files_of(instance)]


def _photo_files(photo: Any) -> Iterator[StoredFile]:
    """Progress photos name their two private files by `token` (progress.images.paths)."""
    from django.core.files.storage import FileSystemStorage

    from needlewise.progress import images

    for path in images.paths(photo.token):
        storage = FileSystemStorage(location=path.parent)
        yield StoredFile(storage, path.name, "progress.photo", photo.pk, folder="photos")


def _files_of(instance: models.Model) -> Iterator[StoredFile]:
    if instance._meta.label_lower == "progress.photo":
        yield from _photo_files(instance)
    for model_field in instance._meta.concrete_fields:
        if isinstance(model_field, models.FileField):
            value = getattr(instance, model_field.attname)
            name = getattr(value, "name", value)
            if name:
                label = instance._meta.label_lower
                yield StoredFile(model_field.storage, str(name), label, instance.pk)


def newsletter_rows(user: User) -> list[models.Model]:
    """Newsletter subscriptions by the person's address or account (SET_NULL, so not cascaded)."""
    from needlewise.library.models import Subscriber

    return list(Subscriber.objects.filter(models.Q(user=user) | models.Q(email__iexact=user.email)))


def collect(user: User) -> Owned:
    """Every row that deleting `user` removes, plus their newsletter subscriptions."""
    collector = Collector(using=router.db_for_write(User), origin=user)
    collector.collect([user])
    subscriptions = newsletter_rows(user)
    if subscriptions:
        collector.collect(subscriptions)
    owned = Owned()
    for instances in collector.data.values():
        for instance in instances:
            owned.add(instance)
    for queryset in collector.fast_deletes:
        for instance in queryset:
            owned.add(instance)
    return owned


def report_dir(user: User) -> Path:
    """Where report files made for a person are kept (removed with the account)."""
    return Path(settings.DATA_DIR) / "private" / "reports" / str(user.pk)


def serialise(owned: Owned) -> dict[str, list[dict[str, Any]]]:
    """Rows as {label: [{"id": pk, field: value, ...}]}, secrets replaced by "[redacted]"."""
    from django.core import serializers

    out: dict[str, list[dict[str, Any]]] = {}
    for label, instances in sorted(owned.rows.items()):
        hidden = REDACTED.get(label, set())
        rows = []
        for item in serializers.serialize("python", sorted(instances, key=lambda i: i.pk)):
            fields = {
                name: "[redacted]" if name in hidden else value
                for name, value in item["fields"].items()
            }
            rows.append({"id": item["pk"], **fields})
        out[label] = rows
    return out

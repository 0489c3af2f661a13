"""Backups of a whole Needlewise installation: the database, the private files, the secret key.

`needlewise backup FILE` writes one tar.gz (see `archive`), `needlewise restore FILE` puts it
back into an empty data dir; `services` holds both flows, `sqlite` and `postgres` the engines."""

from __future__ import annotations


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is one line, for the person."""

"""`needlewise devices load-fda | import-openfda FILE`: keep the device catalogue up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from needlewise.devices import catalogue


class Command(BaseCommand):
    help = "The device catalogue: load the shipped FDA QAI list, or import an openFDA download."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser(
            "load-fda", help="load the shipped FDA QAI list and the generic examples (idempotent)"
        )
        openfda = actions.add_parser(
            "import-openfda",
            help="upsert the product-code QAI entries of an openFDA 510(k) JSON download",
        )
        openfda.add_argument("file", type=Path, help="the downloaded JSON file")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load-fda":
            counts = catalogue.load_catalogue()
            self.stdout.write(
                f"Catalogue loaded: {counts.created} added, {counts.updated} updated, "
                f"{counts.unchanged} unchanged."
            )
            return
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read the file ({exc})", returncode=2) from exc
        try:
            counts = catalogue.import_openfda(text)
        except catalogue.ImportRefused as exc:
            raise CommandError(f"{path}: {exc}; nothing was imported", returncode=2) from exc
        self.stdout.write(
            f"openFDA import: {counts.created} added, {counts.updated} updated, "
            f"{counts.unchanged} unchanged, {counts.skipped} skipped "
            f"(not product code {catalogue.FDA_PRODUCT_CODE})."
        )

"""`needlewise needles --concern C --area A [...] --json`: which needle length?"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from needlewise.rulebook import summaries
from needlewise.rulebook.cli import RuleCommand, fail, number_option
from needlewise.rules import contract


def _lengths(raw: str) -> list[float]:
    try:
        return [float(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        fail("needles", "device_lengths", f"must be numbers separated by commas (got {raw!r})")


class Command(RuleCommand):
    help = "Recommend a needle length for a concern and an area."
    name = "needles"
    reads_stdin = False

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--concern", required=True)
        parser.add_argument("--area", required=True)
        parser.add_argument(
            "--device-lengths",
            type=_lengths,
            default=None,
            help="lengths the device offers, e.g. 0.25,0.5,1.0",
        )
        parser.add_argument("--max-mm", type=number_option("needles", "max_mm"), default=None)
        parser.add_argument("--skin-type", default=None)
        parser.add_argument("--first-session", action="store_true")

    def decide(self, options: dict[str, Any]) -> dict[str, Any]:
        skin = options["skin_type"]
        if skin is not None:
            try:
                skin = int(skin)
            except ValueError:
                fail(self.name, "skin_type", f"must be a whole number from 1 to 6 (got {skin!r})")
        return contract.needles(
            {
                "concern": options["concern"],
                "area": options["area"],
                "device_lengths": options["device_lengths"],
                "max_mm": options["max_mm"],
                "skin_type": skin,
                "first_session": options["first_session"],
            }
        )

    def summary(self, result: dict[str, Any]) -> str:
        return summaries.needles(result)

"""`needlewise ingredients [--hours-since-session H] [--json] [TEXT]`: is this product safe yet?"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandParser

from needlewise.rulebook import summaries
from needlewise.rulebook.cli import RuleCommand, number_option
from needlewise.rules import contract


class Command(RuleCommand):
    help = "Check an ingredient list (TEXT, or stdin) against the aftercare windows."
    name = "ingredients"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("text", nargs="?", default=None, help="the list; else read stdin")
        parser.add_argument(
            "--hours-since-session",
            default=None,
            type=number_option("ingredients", "hours_since_session"),
        )
        parser.add_argument(
            "--product-name",
            default=None,
            help="the product's name (a 'scrub' changes how beads are read)",
        )

    def decide(self, options: dict[str, Any]) -> dict[str, Any]:
        text = options["text"] if options["text"] is not None else sys.stdin.read()
        return contract.ingredients(
            {
                "text": text,
                "hours_since_session": options["hours_since_session"],
                "product_name": options["product_name"],
            }
        )

    def summary(self, result: dict[str, Any]) -> str:
        return summaries.ingredients(result)

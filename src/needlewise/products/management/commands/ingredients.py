"""`needlewise ingredients [--hours-since-session H] [--as-glide] [--json] [TEXT]`: is this
product safe yet, or (`--as-glide`) fine on the skin while needling?

`needlewise ingredients --user EMAIL --shelf [--json]` checks a person's whole shelf at the hours
since their last session. It lives in products, beside the shelf it reads, not in rulebook with the
other rule commands: rulebook sits below products (docs/architecture.md)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandParser

from needlewise.rulebook import summaries
from needlewise.rulebook.cli import RuleCommand, fail, number_option
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
        parser.add_argument(
            "--as-glide",
            action="store_true",
            default=None,
            help="judge it as the glide used during needling (POLICY.md section 8)",
        )
        parser.add_argument("--user", default=None, help="with --shelf: the person's e-mail")
        parser.add_argument(
            "--shelf", action="store_true", help="check every product on the person's shelf"
        )

    def decide(self, options: dict[str, Any]) -> dict[str, Any]:
        if options["shelf"] or options["user"] is not None:
            return self.shelf(options)
        text = options["text"] if options["text"] is not None else sys.stdin.read()
        return contract.ingredients(
            {
                "text": text,
                "hours_since_session": options["hours_since_session"],
                "product_name": options["product_name"],
                "as_glide": bool(options["as_glide"]),
            }
        )

    def shelf(self, options: dict[str, Any]) -> dict[str, Any]:
        if not options["shelf"]:
            fail(self.name, "--user", "only works with --shelf (check the person's whole shelf)")
        if not options["user"]:
            fail(self.name, "--shelf", "needs --user EMAIL (whose shelf to check)")
        for other in ("text", "hours_since_session", "product_name", "as_glide"):
            if options[other] is not None:
                flag = "TEXT" if other == "text" else f"--{other.replace('_', '-')}"
                fail(self.name, flag, "is not used with --shelf")
        from needlewise.products.cli import shelf_report  # needs the database, unlike the rest

        report = shelf_report(options["user"])
        if report is None:
            fail(self.name, "--user", f"no account with the e-mail {options['user']!r}")
        return report

    def summary(self, result: dict[str, Any]) -> str:
        if "products" in result:
            from needlewise.products.cli import shelf_summary

            return shelf_summary(result)
        return summaries.ingredients(result)

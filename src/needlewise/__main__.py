"""The `needlewise` command: Django's manage.py for this project."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "needlewise.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 -- reads the environment, once
    except ImproperlyConfigured as error:
        # The message names the variable and the value (config.Env); a traceback only hides it.
        sys.stderr.write(f"needlewise: {error}\n")
        raise SystemExit(2) from None
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

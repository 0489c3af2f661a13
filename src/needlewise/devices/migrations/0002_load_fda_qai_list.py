"""Load the shipped FDA QAI list and the generic examples, with the loader the command uses."""

from __future__ import annotations

from django.db import migrations


def load(apps, schema_editor):
    from needlewise.devices.catalogue import load_catalogue

    load_catalogue(apps.get_model("devices", "CatalogueDevice"))


class Migration(migrations.Migration):
    dependencies = [
        ("devices", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]

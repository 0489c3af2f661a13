"""A number for devices not in the list; catalogue entries without a name keep it blank (the
"QAI 510(k) K…" stand-in is gone: `CatalogueDevice.display_name` reads well instead)."""

from __future__ import annotations

from django.db import migrations, models

PLACEHOLDER = "QAI 510(k) {number}"  # as catalogue.py stored it before


def blank_placeholder_names(apps, schema_editor):
    model = apps.get_model("devices", "CatalogueDevice")
    for entry in model.objects.filter(name__startswith=PLACEHOLDER.format(number="")):
        if entry.name == PLACEHOLDER.format(number=entry.fda_number):
            entry.name = ""
            entry.save(update_fields=["name"])


def restore_placeholder_names(apps, schema_editor):
    model = apps.get_model("devices", "CatalogueDevice")
    for entry in model.objects.filter(name="").exclude(fda_number=""):
        entry.name = PLACEHOLDER.format(number=entry.fda_number)
        entry.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("devices", "0002_load_fda_qai_list"),
    ]

    operations = [
        migrations.AddField(
            model_name="owneddevice",
            name="fda_number_given",
            field=models.CharField(
                blank=True,
                help_text="For a device not in the list: shown as cleared only if the catalogue has it",
                max_length=20,
                verbose_name="510(k) or De Novo number",
            ),
        ),
        migrations.AlterField(
            model_name="cataloguedevice",
            name="name",
            field=models.CharField(
                blank=True, help_text="Blank when the list gives none", max_length=200
            ),
        ),
        migrations.RunPython(blank_placeholder_names, restore_placeholder_names),
    ]

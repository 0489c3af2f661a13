"""Read every stored label again with the current dictionary.

The checker now knows the names people use ("Vitamin C", "Vitamin A") and many common neutral
names, and each stored ingredient says whether it is `known`. Labels saved before this would
otherwise keep their old reading (for instance "Vitamin C" with no category) until next edited.
"""

from __future__ import annotations

from django.db import migrations, models

BATCH = 500


def reread(apps, schema_editor):
    from needlewise.rules import ingredients, rules_version
    from needlewise.rules.errors import InputError

    Product = apps.get_model("products", "Product")
    version = rules_version()
    batch = []
    for product in Product.objects.filter(parse_error="").iterator(chunk_size=BATCH):
        try:
            result = ingredients.check(product.ingredients_text, None, product.name)
        except InputError:
            continue  # an empty label has a parse error already; nothing else to re-read
        product.parsed = result.to_dict()["ingredients"]
        product.unrecognised = list(result.unrecognised)
        product.rules_version = version
        batch.append(product)
        if len(batch) >= BATCH:
            Product.objects.bulk_update(batch, ["parsed", "unrecognised", "rules_version"])
            batch = []
    if batch:
        Product.objects.bulk_update(batch, ["parsed", "unrecognised", "rules_version"])


class Migration(migrations.Migration):
    dependencies = [("products", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="product",
            name="parsed",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="[{input, name, known, categories}] as the rule core read it",
            ),
        ),
        migrations.RunPython(reread, migrations.RunPython.noop),
    ]

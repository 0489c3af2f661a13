"""Shelf products with real-looking ingredient labels (INCI), parsed once by the rule core.

Brands and product names are made up; the ingredient lists follow how real labels are written,
including a few ingredients the rule core does not know and one label that is not a list."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from needlewise.rules import ingredients
from needlewise.rules.errors import InputError
from needlewise.synthetic.tables import dumps

#: (name, brand, kind, ingredients as printed)
LABELS: tuple[tuple[str, str, str, str], ...] = (
    ("Gentle Cream Cleanser", "Northfield", "cleanser",
     "Aqua, Glycerin, Cetearyl Alcohol, Caprylic/Capric Triglyceride, Coco-Glucoside, "
     "Sodium Lauroyl Lactylate, Panthenol, Allantoin, Phenoxyethanol, Ethylhexylglycerin"),
    ("Foaming Gel Wash", "Lumen & Co", "cleanser",
     "Aqua, Sodium Cocoyl Isethionate, Cocamidopropyl Betaine, Glycerin, Salicylic Acid, "
     "Sodium Chloride, Citric Acid, Parfum, Limonene, Sodium Benzoate"),
    ("Balancing Toner", "Lumen & Co", "treatment",
     "Aqua, Glycolic Acid, Alcohol Denat., Aloe Barbadensis Leaf Juice, Sodium Hydroxide, "
     "Hamamelis Virginiana (Witch Hazel) Water, Parfum"),
    ("Hydrating Serum", "Northfield", "serum",
     "Aqua, Sodium Hyaluronate, Panthenol, Glycerin, Allantoin, Pentylene Glycol, "
     "Phenoxyethanol"),
    ("Barrier Repair Moisturiser", "Calm Theory", "moisturiser",
     "Aqua, Glycerin, Caprylic/Capric Triglyceride, Squalane, Ceramide NP, Ceramide AP, "
     "Phytosphingosine, Cholesterol, Niacinamide, Centella Asiatica Extract, Tocopherol, "
     "Xanthan Gum, Phenoxyethanol"),
    ("Night Renewal Serum", "Maison Verre", "serum",
     "Aqua, Glycerin, Retinol, Squalane, Tocopherol, Polysorbate 20, Parfum, Linalool"),
    ("Retinal 0.1% Treatment", "Atelier Derm", "treatment",
     "Caprylic/Capric Triglyceride, Squalane, Retinal, Tocopherol, Bisabolol, "
     "Helianthus Annuus Seed Oil"),
    ("Vitamin C 15% Serum", "Brightwell", "serum",
     "Aqua, Ascorbic Acid, Propylene Glycol, Ferulic Acid, Tocopherol, Sodium Hyaluronate, "
     "Triethanolamine, Phenoxyethanol"),
    ("Vitamin C Glow Cream", "Brightwell", "moisturiser",
     "Aqua, Glycerin, Tetrahexyldecyl Ascorbate, Butyrospermum Parkii Butter, Cetyl Alcohol, "
     "Tocopherol, Parfum, Citral, Geraniol"),
    ("Daily Mineral Sunscreen SPF 50", "Solstice", "sunscreen",
     "Zinc Oxide 20% (Non-Nano), Caprylic/Capric Triglyceride, Glycerin, Tocopherol, "
     "Polyhydroxystearic Acid, Isostearic Acid"),
    ("Invisible Fluid SPF 30", "Solstice", "sunscreen",
     "Aqua, Homosalate, Octocrylene, Butyl Methoxydibenzoylmethane, Ethylhexyl Salicylate, "
     "Alcohol Denat., Glycerin, Silica, Parfum"),
    ("Soothing Cica Balm", "Calm Theory", "moisturiser",
     "Centella Asiatica Extract, Glycerin, Panthenol, Madecassoside, Allantoin, "
     "Butyrospermum Parkii Butter, Cera Alba"),
    ("AHA/BHA Exfoliating Solution", "Atelier Derm", "treatment",
     "Aqua, Glycolic Acid, Lactic Acid, Salicylic Acid, Tartaric Acid, Citric Acid, "
     "Sodium Hydroxide, Propanediol, Panthenol"),
    ("Mandelic Acid 10% Serum", "Atelier Derm", "serum",
     "Aqua, Mandelic Acid, Propanediol, Sodium Hydroxide, Glycerin, Sodium Hyaluronate"),
    ("PHA Gentle Toner", "Calm Theory", "treatment",
     "Aqua, Gluconolactone, Glycerin, Betaine, Allantoin, Sodium Benzoate, Calcium Gluconate"),
    ("Lavender Facial Oil", "Maison Verre", "treatment",
     "Simmondsia Chinensis (Jojoba) Seed Oil, Rosa Canina Fruit Oil, "
     "Lavandula Angustifolia (Lavender) Oil, Tocopherol, Linalool, Limonene"),
    ("Tea Tree Spot Gel", "Lumen & Co", "treatment",
     "Aqua, Alcohol, Melaleuca Alternifolia (Tea Tree) Leaf Oil, Salicylic Acid, Carbomer, "
     "Sodium Hydroxide"),
    ("Benzoyl Peroxide 5% Wash", "Clearfield", "cleanser",
     "Aqua, Benzoyl Peroxide, Sodium C14-16 Olefin Sulfonate, Glycerin, Carbomer, "
     "Sodium Hydroxide"),
    ("Peptide Firming Cream", "Maison Verre", "moisturiser",
     "Aqua, Glycerin, Palmitoyl Tripeptide-1, Palmitoyl Tetrapeptide-7, Squalane, "
     "Dimethicone, Cetearyl Alcohol, Parfum, Benzyl Salicylate, Hexyl Cinnamal"),
    ("Niacinamide 10% Serum", "Northfield", "serum",
     "Aqua, Niacinamide, Pentylene Glycol, Zinc PCA, Tamarindus Indica Seed Gum, Xanthan Gum, "
     "Phenoxyethanol"),
    ("Copper Peptide Serum", "Atelier Derm", "serum",
     "Aqua, Copper Tripeptide-1, Glycerin, Sodium Hyaluronate, Panthenol, Phenoxyethanol"),
    ("Bakuchiol Night Oil", "Calm Theory", "treatment",
     "Squalane, Bakuchiol, Simmondsia Chinensis (Jojoba) Seed Oil, Tocopherol"),
    ("Enzyme Polish", "Brightwell", "treatment",
     "Aqua, Papain, Bromelain, Jojoba Esters, Kaolin, Glycerin, Parfum"),
    ("Walnut Scrub", "Clearfield", "cleanser",
     "Aqua, Juglans Regia (Walnut) Shell Powder, Glycerin, Cocamidopropyl Betaine, Parfum, "
     "Limonene, Citral"),
    ("Tinted Moisturiser SPF 20", "Solstice", "makeup",
     "Aqua, Titanium Dioxide, Zinc Oxide, Glycerin, Dimethicone, Iron Oxides, Tocopherol"),
    ("Micellar Water", "Northfield", "cleanser",
     "Aqua, Hexylene Glycol, Glycerin, Poloxamer 184, Disodium Cocoamphodiacetate, "
     "Disodium EDTA, Polyaminopropyl Biguanide"),
    ("Rich Night Cream", "Maison Verre", "moisturiser",
     "Aqua, Butyrospermum Parkii Butter, Glycerin, Retinyl Palmitate, Cetearyl Alcohol, "
     "Dimethicone, Parfum, Citronellol, Geraniol"),
    ("Lip Balm", "Calm Theory", "other",
     "Ricinus Communis Seed Oil, Cera Alba, Butyrospermum Parkii Butter, Tocopherol"),
    ("Hand-me-down serum", "", "serum", "see box"),
)  # fmt: skip


@dataclass(frozen=True)
class Label:
    name: str
    brand: str
    kind: str
    text: str
    parsed: str  # JSON text, as the product service stores it
    unrecognised: str
    parse_error: str
    categories: frozenset[str]


@cache
def label(index: int) -> Label:
    """One label, read by the rule core exactly as `products.services` would read it."""
    from needlewise.products.services import PARSE_WORDS

    name, brand, kind, text = LABELS[index]
    try:
        result = ingredients.check(text, None, name)
    except InputError as error:
        return Label(
            name,
            brand,
            kind,
            text,
            "[]",
            "[]",
            PARSE_WORDS.get(error.message, error.message),
            frozenset(),
        )
    parsed = result.to_dict()["ingredients"]
    found = frozenset(cat for item in parsed for cat in item.get("categories", ()))
    return Label(
        name, brand, kind, text, dumps(parsed), dumps(list(result.unrecognised)), "", found
    )


#: Indexes by kind, so a shelf gets a cleanser, a moisturiser and a sunscreen more often.
BY_KIND: dict[str, tuple[int, ...]] = {}
for _i, (_n, _b, _kind, _t) in enumerate(LABELS):
    BY_KIND[_kind] = (*BY_KIND.get(_kind, ()), _i)

"""Shelf endpoints: the person's products, their status now and the avoid-list.

Owner-scoped (another person's id is a 404); bad input is a 422 naming the field, and nothing is
written. A label that cannot be read is still saved, with `parse_error` set."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from needlewise.glides import Glide
from needlewise.products import queries, services
from needlewise.products.models import MAX_PAO_MONTHS, MAX_TEXT, AvoidEntry, Kind, Product
from needlewise.products.status import ProductStatus, glide_for
from needlewise.rules.vocab import INGREDIENT_CATEGORIES

router = Router(tags=["products"])

KindCode = Literal[tuple(Kind.values)]  # type: ignore[valid-type]
Category = Literal[INGREDIENT_CATEGORIES]  # type: ignore[valid-type]


class ProductIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    brand: str = Field("", max_length=200)
    kind: KindCode = "other"
    opened_on: date | None = None
    pao_months: int | None = Field(None, ge=1, le=MAX_PAO_MONTHS)
    ingredients_text: str = Field("", max_length=MAX_TEXT, description="The list as printed")


class IngredientOut(Schema):
    input: str
    name: str
    known: bool = Field(description="False: a name the checker does not know")
    categories: list[str]


class GlideFindingOut(Schema):
    rule: str
    ingredient: str
    category: Literal["glide"]
    level: Literal["avoid", "ok"]
    message: str
    grade: str
    sources: list[str]


class GlideOut(Schema):
    """The product judged as the glide during needling (POLICY.md section 8)."""

    verdict: Literal["avoid", "ok"] = Field(description="avoid: not as a glide")
    findings: list[GlideFindingOut] = Field(description="why, reasons first")


class ProductOut(Schema):
    id: int
    name: str
    brand: str
    kind: str
    opened_on: date | None
    pao_months: int | None
    use_by: date | None
    ingredients_text: str
    ingredients: list[IngredientOut]
    categories: list[str]
    unrecognised: list[str]
    parse_error: str = Field(description="Blank when the label was read")
    rules_version: str
    created_at: datetime
    updated_at: datetime
    glide: GlideOut


class ReasonOut(Schema):
    level: str
    message: str
    ingredient: str
    category: str
    rule: str
    grade: str
    sources: list[str]
    until_hours: float | None
    until: datetime | None
    avoid_list: bool


class StatusOut(Schema):
    id: int
    name: str
    brand: str
    kind: str
    verdict: Literal["avoid", "caution", "ok"]
    ok_again_at: datetime | None
    avoid_listed: bool
    past_use_by: bool
    use_by: date | None
    parse_error: str
    findings: list[ReasonOut]
    unrecognised: list[str] = Field(description="Names not recognised; the verdict skips them")
    unknown_count: int = Field(description="How many; an ok with some is OK only for the rest")
    glide: GlideOut


class BeforeProductOut(Schema):
    id: int
    name: str
    categories: list[str]


class BeforeSessionOut(Schema):
    on: date
    stop_from: datetime
    products: list[BeforeProductOut]


class SafeNowOut(Schema):
    session_at: datetime | None = Field(description="The last done session; null: none yet")
    hours_since_session: float | None
    products: list[StatusOut]
    before_next_session: BeforeSessionOut | None


class AvoidIn(Schema):
    model_config = ConfigDict(extra="forbid")

    category: Category | None = Field(None, description="An ingredient category code, or")
    ingredient: str = Field("", max_length=200, description="one ingredient name")
    note: str = Field("", max_length=300)


class AvoidOut(Schema):
    id: int
    kind: str
    value: str
    label: str
    note: str
    added_by: str | None
    created_at: datetime


def glide_out(glide: Glide) -> GlideOut:
    return GlideOut(verdict=glide.verdict, findings=list(glide.findings))  # type: ignore[arg-type]


def product_out(product: Product, avoid: frozenset[str]) -> ProductOut:
    """`avoid`: the categories on the person's avoid-list (they count as actives in a glide)."""
    return ProductOut(
        id=product.pk,
        name=product.name,
        brand=product.brand,
        kind=product.kind,
        opened_on=product.opened_on,
        pao_months=product.pao_months,
        use_by=product.use_by,
        ingredients_text=product.ingredients_text,
        ingredients=product.parsed,
        categories=product.categories,
        unrecognised=product.unrecognised,
        parse_error=product.parse_error,
        rules_version=product.rules_version,
        created_at=product.created_at,
        updated_at=product.updated_at,
        glide=glide_out(glide_for(product, avoid)),
    )


def status_out(status: ProductStatus) -> StatusOut:
    product = status.product
    return StatusOut(
        id=product.pk,
        name=product.name,
        brand=product.brand,
        kind=product.kind,
        verdict=status.level,
        ok_again_at=status.ok_again_at,
        avoid_listed=status.avoid_listed,
        past_use_by=status.past_use_by,
        use_by=product.use_by,
        parse_error=product.parse_error,
        findings=[r.to_dict() for r in status.reasons],
        unrecognised=list(status.unknown),
        unknown_count=status.unknown_count,
        glide=glide_out(status.glide),  # type: ignore[arg-type]
    )


def _avoid_out(entry: AvoidEntry) -> AvoidOut:
    return AvoidOut(
        id=entry.pk,
        kind=entry.kind,
        value=entry.value,
        label=entry.label,
        note=entry.note,
        added_by=str(entry.added_by) if entry.added_by else None,
        created_at=entry.created_at,
    )


def _avoided(request: HttpRequest) -> frozenset[str]:
    return frozenset(queries.avoid_list(request.auth).categories)  # type: ignore[attr-defined]


def _mine(request: HttpRequest, product_id: int) -> Product:
    return get_object_or_404(queries.products_for(request.auth), pk=product_id)  # type: ignore[attr-defined]


@router.get("/", response=list[ProductOut], summary="My shelf")
def my_products(request: HttpRequest) -> list[ProductOut]:
    avoid = _avoided(request)
    return [product_out(p, avoid) for p in queries.products_for(request.auth)]  # type: ignore[attr-defined]


@router.post("/", response={201: ProductOut}, summary="Add a product")
def add_product(request: HttpRequest, body: ProductIn) -> Status[ProductOut]:
    """The ingredient list is read on save; an unreadable one is kept with `parse_error`."""
    product = services.add_product(request.auth, **body.dict())  # type: ignore[attr-defined]
    return Status(201, product_out(product, _avoided(request)))


@router.get("/safe-now", response=SafeNowOut, summary="What is safe on my skin now")
def safe_now(request: HttpRequest) -> SafeNowOut:
    """Each product's verdict for the hours since the last session, with reasons and when it
    is OK again; and what to stop before the next planned session."""
    shelf = queries.shelf(request.auth, timezone.now())  # type: ignore[attr-defined]
    before = shelf.before
    return SafeNowOut(
        session_at=shelf.session.done_at if shelf.session else None,
        hours_since_session=shelf.hours_since_session,
        products=[status_out(s) for s in shelf.statuses],
        before_next_session=None
        if before is None
        else BeforeSessionOut(
            on=before.on,
            stop_from=before.stop_from,
            products=[
                BeforeProductOut(id=p.pk, name=p.name, categories=[w.topic for w in windows])
                for p, windows in before.products
            ],
        ),
    )


@router.get("/avoid", response=list[AvoidOut], summary="My avoid list")
def my_avoid_list(request: HttpRequest) -> list[AvoidOut]:
    return [_avoid_out(e) for e in queries.avoid_entries_for(request.auth)]  # type: ignore[attr-defined]


@router.post("/avoid", response={201: AvoidOut}, summary="Avoid a category or an ingredient")
def add_avoid(request: HttpRequest, body: AvoidIn) -> Status[AvoidOut]:
    """Give `category` (a code) or `ingredient` (a name, read like a label), not both."""
    data = body.dict()
    data["category"] = data["category"] or ""
    entry = services.add_avoid(request.auth, **data)  # type: ignore[attr-defined]
    return Status(201, _avoid_out(entry))


@router.delete("/avoid/{entry_id}", response={204: None}, summary="Remove from my avoid list")
def remove_avoid(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(queries.avoid_entries_for(request.auth), pk=entry_id)  # type: ignore[attr-defined]
    services.remove_avoid(entry)
    return HttpResponse(status=204)


@router.get("/{product_id}", response=ProductOut, summary="One of my products")
def product_detail(request: HttpRequest, product_id: int) -> ProductOut:
    return product_out(_mine(request, product_id), _avoided(request))


@router.put("/{product_id}", response=ProductOut, summary="Replace a product")
def replace_product(request: HttpRequest, product_id: int, body: ProductIn) -> ProductOut:
    product = services.update_product(_mine(request, product_id), **body.dict())
    return product_out(product, _avoided(request))


@router.delete("/{product_id}", response={204: None}, summary="Delete a product")
def delete_product(request: HttpRequest, product_id: int) -> HttpResponse:
    services.delete_product(_mine(request, product_id))
    return HttpResponse(status=204)

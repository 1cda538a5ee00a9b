"""The one calculation engine for invoices, credit notes and quotes (DESIGN.md 5, EN 16931).

The API, the PDF and the e-invoice XML all take their numbers from ``calculate``; nothing else
computes a total. Rules implemented:

- line net (BT-131) = quantity x unit price, less the line allowance (BT-136), each rounded to
  cents half up (BR-DEC-23, BR-DEC-24);
- the VAT breakdown (BG-23) groups line nets by category and rate; the taxable amount (BT-116) is
  the sum of those line nets (BR-CO-10 per group) and the tax (BT-117) is taxable x rate, rounded
  once per group (BR-CO-17);
- sum of line nets (BT-106) = sum of all line nets (BR-CO-10); tax basis (BT-109) = BT-106 as we
  have no document-level allowances or charges (BR-CO-13); VAT total (BT-110) = sum of group taxes
  (BR-CO-14); grand total (BT-112) = BT-109 + BT-110 (BR-CO-15); amount due (BT-115) = BT-112 -
  paid (BR-CO-16).

Amounts are signed: a credit note carries negated quantities, so its totals are negative and
statistics can simply add documents up. The XML writer turns them positive for type code 381.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from workmate.core.money import round_cents

# EN 16931 VAT category codes (UNCL 5305) for our categories.
VAT_CATEGORY_CODES: dict[str, str] = {
    "standard": "S",
    "zero": "Z",
    "exempt": "E",
    "reverse_charge": "AE",
    "intra_eu": "K",
    "export": "G",
    "small_business": "E",
}
VAT_CATEGORIES = tuple(VAT_CATEGORY_CODES)
STANDARD_RATES = (Decimal("19.00"), Decimal("7.00"))
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class LineInput:
    quantity: Decimal
    unit_price: Decimal
    vat_category: str
    vat_rate: Decimal
    discount_percent: Decimal | None = None


@dataclass(frozen=True)
class LineResult:
    gross_amount: Decimal  # quantity x unit price, rounded to cents
    discount_amount: Decimal  # line allowance BT-136
    net_amount: Decimal  # BT-131


@dataclass(frozen=True)
class VatGroup:
    category: str
    rate: Decimal
    taxable_amount: Decimal  # BT-116
    tax_amount: Decimal  # BT-117


@dataclass(frozen=True)
class Totals:
    lines: tuple[LineResult, ...]
    vat_groups: tuple[VatGroup, ...]
    net_total: Decimal  # BT-106 = BT-109
    vat_total: Decimal  # BT-110
    gross_total: Decimal  # BT-112
    paid_amount: Decimal  # BT-113
    amount_due: Decimal  # BT-115


def effective_rate(category: str, rate: Decimal) -> Decimal:
    """Only the standard category carries a rate; all others are 0 % by definition (BR-*-5)."""
    return rate if category == "standard" else ZERO


def calculate_line(line: LineInput) -> LineResult:
    gross = round_cents(line.quantity * line.unit_price)
    discount = ZERO
    if line.discount_percent:
        discount = round_cents(gross * line.discount_percent / HUNDRED)
    return LineResult(gross_amount=gross, discount_amount=discount, net_amount=gross - discount)


def vat_amount(taxable: Decimal, rate: Decimal) -> Decimal:
    return (taxable * rate / HUNDRED).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def calculate(lines: Sequence[LineInput], paid_amount: Decimal = ZERO) -> Totals:
    results = tuple(calculate_line(line) for line in lines)
    groups: dict[tuple[str, Decimal], Decimal] = {}
    for line, result in zip(lines, results, strict=True):
        key = (line.vat_category, effective_rate(line.vat_category, line.vat_rate))
        groups[key] = groups.get(key, ZERO) + result.net_amount
    vat_groups = tuple(
        VatGroup(
            category=cat, rate=rate, taxable_amount=taxable, tax_amount=vat_amount(taxable, rate)
        )
        for (cat, rate), taxable in sorted(groups.items(), key=_group_order)
    )
    net_total = _sum(r.net_amount for r in results)
    vat_total = _sum(g.tax_amount for g in vat_groups)
    gross_total = net_total + vat_total
    return Totals(
        lines=results,
        vat_groups=vat_groups,
        net_total=net_total,
        vat_total=vat_total,
        gross_total=gross_total,
        paid_amount=paid_amount,
        amount_due=gross_total - paid_amount,
    )


def skonto_amount(gross_total: Decimal, percent: Decimal) -> Decimal:
    """The cash discount on the gross total (§ 17 UStG corrects the VAT proportionally)."""
    return round_cents(gross_total * percent / HUNDRED)


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


def _group_order(item: tuple[tuple[str, Decimal], Decimal]) -> tuple[int, Decimal]:
    (category, rate), _ = item
    return (VAT_CATEGORIES.index(category), -rate)

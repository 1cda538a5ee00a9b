"""The calculation engine: hand-computed examples to the cent, and EN 16931 rules on thousands of
random documents (hypothesis)."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817

from hypothesis import given, settings
from hypothesis import strategies as st

from workmate.invoices.calculation import LineInput, calculate, skonto_amount


def test_hand_computed_mixed_rates_and_discount() -> None:
    totals = calculate(
        [
            LineInput(D("7.5"), D("120.00"), "standard", D("19")),  # 900.00
            LineInput(D("3"), D("33.3333"), "standard", D("19"), D("10")),  # 100.00 - 10.00
            LineInput(D("2"), D("12.35"), "standard", D("7")),  # 24.70
            LineInput(D("1"), D("0.05"), "standard", D("7")),  # 0.05
        ]
    )
    assert [r.net_amount for r in totals.lines] == [D("900.00"), D("90.00"), D("24.70"), D("0.05")]
    assert totals.lines[1].discount_amount == D("10.00")
    groups = {(g.category, g.rate): (g.taxable_amount, g.tax_amount) for g in totals.vat_groups}
    # 990.00 x 19 % = 188.10; 24.75 x 7 % = 1.7325 -> 1.73 (rounded once per group, BR-CO-17)
    assert groups == {("standard", D("19")): (D("990.00"), D("188.10")),
                      ("standard", D("7")): (D("24.75"), D("1.73"))}  # fmt: skip
    assert totals.net_total == D("1014.75")
    assert totals.vat_total == D("189.83")
    assert totals.gross_total == D("1204.58")


def test_half_up_rounding_of_line_and_tax() -> None:
    totals = calculate([LineInput(D("0.5"), D("0.01"), "standard", D("19"))])
    assert totals.lines[0].net_amount == D("0.01")  # 0.005 -> 0.01 (half up, not banker's)
    assert totals.vat_groups[0].tax_amount == D("0.00")  # 0.0019
    totals = calculate([LineInput(D("1"), D("2.50"), "standard", D("19"))])
    assert totals.vat_total == D("0.48")  # 0.475 -> 0.48


def test_non_standard_categories_carry_no_tax() -> None:
    totals = calculate(
        [
            LineInput(D("1"), D("100"), "reverse_charge", D("19")),
            LineInput(D("1"), D("50"), "intra_eu", D("0")),
            LineInput(D("1"), D("25"), "export", D("0")),
        ]
    )
    assert totals.vat_total == D("0.00")
    assert [g.rate for g in totals.vat_groups] == [D("0.00")] * 3
    assert totals.gross_total == D("175.00")


def test_credit_note_amounts_are_negative_and_symmetric() -> None:
    invoice = calculate([LineInput(D("3"), D("33.3333"), "standard", D("19"), D("10"))])
    credit = calculate([LineInput(D("-3"), D("33.3333"), "standard", D("19"), D("10"))])
    assert credit.gross_total == -invoice.gross_total
    assert credit.vat_total == -invoice.vat_total


def test_skonto() -> None:
    assert skonto_amount(D("1189.88"), D("2")) == D("23.80")


quantities = st.decimals(min_value=D("-1000"), max_value=D("10000"), places=4)
prices = st.decimals(min_value=D("0"), max_value=D("100000"), places=4)
discounts = st.one_of(st.none(), st.decimals(min_value=D("0.01"), max_value=D("100"), places=2))
vats = st.sampled_from(
    [("standard", D("19")), ("standard", D("7")), ("zero", D("0")), ("exempt", D("0")),
     ("reverse_charge", D("0")), ("intra_eu", D("0")), ("export", D("0"))]
)  # fmt: skip
lines = st.builds(
    lambda q, p, d, v: LineInput(q, p, v[0], v[1], d), quantities, prices, discounts, vats
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(lines, min_size=1, max_size=30), st.decimals(min_value=0, max_value=1000, places=2))
def test_en16931_rules_hold_for_random_documents(items: list[LineInput], paid: D) -> None:
    totals = calculate(items, paid)
    cent = D("0.01")
    for result in totals.lines:
        # BR-DEC-23/24: line amounts have at most two decimals
        assert result.net_amount == result.net_amount.quantize(cent)
        assert result.net_amount == result.gross_amount - result.discount_amount
    # BR-CO-10: sum of line net amounts
    assert totals.net_total == sum((r.net_amount for r in totals.lines), D(0))
    # BR-CO-13 (no document allowances/charges) and the breakdown covers every line
    assert sum((g.taxable_amount for g in totals.vat_groups), D(0)) == totals.net_total
    for group in totals.vat_groups:
        # BR-CO-17: tax = taxable x rate, rounded to two decimals
        expected = (group.taxable_amount * group.rate / 100).quantize(
            cent, rounding="ROUND_HALF_UP"
        )
        assert group.tax_amount == expected
        if group.category != "standard":
            assert group.rate == 0 and group.tax_amount == 0
    # one breakdown group per category and rate
    keys = [(g.category, g.rate) for g in totals.vat_groups]
    assert len(keys) == len(set(keys))
    # BR-CO-14, BR-CO-15, BR-CO-16
    assert totals.vat_total == sum((g.tax_amount for g in totals.vat_groups), D(0))
    assert totals.gross_total == totals.net_total + totals.vat_total
    assert totals.amount_due == totals.gross_total - paid

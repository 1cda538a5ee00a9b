"""The Document as plain, pre-formatted strings for the Typst template (passed as JSON).

Amounts come from the Document as they are (credit notes stay negative: the PDF shows a
cancellation with negative amounts, like the booking it causes). Nothing is recomputed here.
"""

from __future__ import annotations

import io
import struct
from base64 import b64encode
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import segno
import segno.helpers

from workmate.invoices.document import Address, Document, Line, Seller, VatBreakdown
from workmate.invoices.pdf.i18n import (
    LABELS,
    VAT_CATEGORY_LABELS,
    Language,
    format_date,
    format_decimal,
    format_money,
    format_percent,
    format_period,
    format_quantity,
    label,
    unit_label,
)

Json = dict[str, Any]


def _address_lines(address: Address, contact: str | None = None) -> list[str]:
    lines = [address.name]
    if address.additional:
        lines.append(address.additional)
    elif contact:
        lines.append(contact)
    if address.street:
        lines.append(address.street)
    lines.append(" ".join(part for part in (address.postcode, address.city) if part))
    if address.country != "DE":
        lines.append(_country_name(address.country))
    return [line for line in lines if line]


def _country_name(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return country.name.upper() if country is not None else code


def _sender_line(seller: Seller) -> str:
    address = seller.address
    city = " ".join(part for part in (address.postcode, address.city) if part)
    return " · ".join(part for part in (address.name, address.street, city) if part)


def _title(doc: Document, lang: Language) -> tuple[str, str | None]:
    title = doc.title or label(doc.kind, lang)
    subtitle = None
    if doc.kind == "credit_note" and doc.preceding_number:
        subtitle = f"{label('preceding', lang)} {doc.preceding_number}"
        if doc.preceding_date:
            subtitle += f" {label('of', lang)} {format_date(doc.preceding_date, lang)}"
    return title, subtitle


def _meta(doc: Document, lang: Language) -> list[list[str]]:
    number = label("draft", lang) if doc.preview or doc.number is None else doc.number
    rows = [
        [label(f"number_{doc.kind}", lang), number],
        [label(f"date_{doc.kind}", lang), format_date(doc.issue_date, lang)],
    ]
    if doc.service_from and doc.service_to:
        rows.append(
            [label("service_period", lang), format_period(doc.service_from, doc.service_to, lang)]
        )
    elif doc.service_date:
        rows.append([label("service_date", lang), format_date(doc.service_date, lang)])
    rows.append([label("customer_number", lang), doc.buyer.customer_number])
    if doc.due_date and doc.kind == "invoice":
        rows.append([label("due_date", lang), format_date(doc.due_date, lang)])
    if doc.due_date and doc.kind == "quote":
        rows.append([label("valid_until", lang), format_date(doc.due_date, lang)])
    if doc.order_reference:
        rows.append([label("order_reference", lang), doc.order_reference])
    if doc.buyer_reference and doc.buyer_reference != doc.buyer.leitweg_id:
        rows.append([label("buyer_reference", lang), doc.buyer_reference])
    if doc.project_reference:
        rows.append([label("project_reference", lang), doc.project_reference])
    if doc.buyer.leitweg_id:
        rows.append([label("leitweg_id", lang), doc.buyer.leitweg_id])
    if doc.buyer.vat_id:
        rows.append([label("vat_id_buyer", lang), doc.buyer.vat_id])
    if doc.seller.contact_name:
        rows.append([label("contact", lang), doc.seller.contact_name])
    return rows


def _line(doc: Document, line: Line, lang: Language) -> Json:
    period = None
    if line.service_from and line.service_to:
        period = format_period(line.service_from, line.service_to, lang)
    discount = ""
    if line.discount_percent:
        discount = format_percent(line.discount_percent, lang)
    return {
        "pos": str(line.position),
        "description": line.description,
        "period": period,
        "quantity": format_quantity(line.quantity, lang, line.unit_code),
        "unit": unit_label(line.unit_code, lang),
        "unit_price": format_money(line.unit_price, doc.currency, lang, max_places=4),
        "discount": discount,
        "total": format_money(line.net_amount, doc.currency, lang),
    }


def _vat_label(group: VatBreakdown, doc: Document, lang: Language) -> str:
    if group.category == "standard":
        prefix = "USt" if lang == "de" else "VAT"
        rate = format_percent(group.rate, lang)
        base = format_money(group.taxable_amount, doc.currency, lang)
        return f"{prefix} {rate} {label('vat_on', lang)} {base}"
    category_label = VAT_CATEGORY_LABELS.get(group.category, {}).get(lang, group.category)
    return f"{category_label} ({format_money(group.taxable_amount, doc.currency, lang)})"


def _money_formatter(doc: Document, lang: Language) -> Callable[[Decimal], str]:
    def money(amount: Decimal) -> str:
        return format_money(amount, doc.currency, lang)

    return money


def _totals(doc: Document, lang: Language) -> list[Json]:
    money = _money_formatter(doc, lang)
    if doc.seller.small_business:
        rows: list[Json] = [
            {
                "label": label("total_small_business", lang),
                "value": money(doc.gross_total),
                "strong": True,
            }
        ]
    else:
        rows = [{"label": label("net_total", lang), "value": money(doc.net_total), "strong": False}]
        rows.extend(
            {
                "label": _vat_label(group, doc, lang),
                "value": money(group.tax_amount),
                "strong": False,
            }
            for group in doc.vat_breakdown
        )
        rows.append(
            {
                "label": label(f"gross_total_{doc.kind}", lang),
                "value": money(doc.gross_total),
                "strong": True,
            }
        )
    if doc.refund_amount and doc.kind == "credit_note":
        rows.append(
            {"label": label("refund", lang), "value": money(doc.refund_amount), "strong": False}
        )
    if doc.paid_amount and doc.kind == "invoice":
        rows.append(
            {"label": label("paid", lang), "value": money(-doc.paid_amount), "strong": False}
        )
        rows.append(
            {"label": label("amount_due", lang), "value": money(doc.amount_due), "strong": True}
        )
    return rows


def payment_sentences(doc: Document, lang: Language) -> list[str]:
    """Payment terms with due date, Skonto and the transfer reference, in the document language."""
    if doc.kind == "quote":
        return []
    money = _money_formatter(doc, lang)
    reference = doc.number or label("draft", lang)
    sentences: list[str] = []
    if doc.kind == "credit_note":
        return _credit_note_sentences(doc, lang)
    if doc.amount_due <= 0:
        sentences.append(
            "Der Rechnungsbetrag ist bereits beglichen."
            if lang == "de"
            else "This invoice has been paid."
        )
        return sentences
    due = format_date(doc.due_date, lang) if doc.due_date else None
    amount = money(doc.amount_due)
    if lang == "de":
        when = f" bis zum {due}" if due else " sofort"
        account = " auf das unten genannte Konto" if doc.bank else ""
        sentences.append(
            f"Bitte überweisen Sie den Betrag von {amount}{when} ohne Abzug{account}. "
            f"Verwendungszweck: {reference}."
        )
    else:
        when = f" by {due}" if due else " immediately"
        account = " to the bank account below" if doc.bank else ""
        sentences.append(
            f"Please transfer {amount}{when} without deduction{account}, quoting {reference}."
        )
    discount = doc.cash_discount
    if discount is not None:
        percent = format_percent(discount.percent, lang)
        until = format_date(discount.until, lang)
        if lang == "de":
            sentences.append(
                f"Bei Zahlung bis zum {until} ({discount.days} Tage) gewähren wir {percent} Skonto "
                f"({money(discount.amount)}); Zahlbetrag dann {money(discount.payable)}."
            )
        else:
            sentences.append(
                f"If paid by {until} ({discount.days} days) you may deduct a {percent} cash "
                f"discount ({money(discount.amount)}) and pay {money(discount.payable)}."
            )
    return sentences


def _credit_note_sentences(doc: Document, lang: Language) -> list[str]:
    """What the cancellation means for the customer, by what had been paid: nothing (the
    invoice just lapses), all of it, or part of it (refunded; the unpaid rest lapses)."""
    money = _money_formatter(doc, lang)
    if doc.preceding_number is None:  # a credit of its own, not a cancellation
        amount = money(abs(doc.amount_due))
        if lang == "de":
            return [f"Den Betrag von {amount} erstatten wir Ihnen auf Ihr Konto."]
        return [f"We will refund the amount of {amount} to your account."]
    refund, total = doc.refund_amount, abs(doc.gross_total)
    if lang == "de":
        if refund <= 0:
            return ["Der Rechnungsbetrag ist damit nicht mehr zu zahlen."]
        if refund >= total:
            return [
                f"Den bereits gezahlten Betrag von {money(refund)} erstatten wir Ihnen auf Ihr "
                "Konto."
            ]
        return [
            f"Sie haben bereits {money(refund)} gezahlt; diesen Betrag erstatten wir Ihnen auf "
            "Ihr Konto. Der noch offene Rest ist nicht mehr zu zahlen."
        ]
    if refund <= 0:
        return ["The invoice amount is therefore no longer payable."]
    if refund >= total:
        return [f"We will refund the {money(refund)} you paid to your account."]
    return [
        f"You have paid {money(refund)} already; we will refund this amount to your account. "
        "The unpaid rest is no longer payable."
    ]


def intro(doc: Document, lang: Language) -> str | None:
    """The document's introduction; a cancellation says what it cancels first, then its reason."""
    if doc.kind != "credit_note" or doc.preceding_number is None:
        return doc.intro_text
    date = (
        f" {label('of', lang)} {format_date(doc.preceding_date, lang)}"
        if doc.preceding_date
        else ""
    )
    reason = f"\n{doc.intro_text}" if doc.intro_text else ""
    if lang == "de":
        cancelled = (
            f"hiermit stornieren wir unsere Rechnung {doc.preceding_number}{date} in voller Höhe"
        )
    else:
        cancelled = f"we hereby cancel our invoice {doc.preceding_number}{date} in full"
    return f"{cancelled}.{reason}" if reason else f"{cancelled}:"


def salutation(doc: Document, lang: Language) -> str | None:
    """The letter's opening line from the contact person: "Sehr geehrte Frau Dr. Weber,", by
    name where no salutation is set ("Guten Tag Alex Weber,"), neutral without a contact. None
    when the introduction already opens with a salutation of its own."""
    intro = (doc.intro_text or "").lstrip()
    if intro.lower().startswith(OWN_SALUTATIONS):
        return None
    buyer = doc.buyer
    name = (buyer.contact_name or "").strip()
    if not name:
        return "Sehr geehrte Damen und Herren," if lang == "de" else "Dear Sir or Madam,"
    if buyer.contact_salutation in ("ms", "mr"):
        title = f"{buyer.contact_title.strip()} " if buyer.contact_title else ""
        surname = family_name(name)
        if lang == "de":
            opening = (
                "Sehr geehrte Frau" if buyer.contact_salutation == "ms" else "Sehr geehrter Herr"
            )
        else:
            opening = "Dear Ms" if buyer.contact_salutation == "ms" else "Dear Mr"
        return f"{opening} {title}{surname},"
    return f"Guten Tag {name}," if lang == "de" else f"Dear {name},"


OWN_SALUTATIONS = ("sehr geehrte", "guten tag", "hallo", "liebe", "dear ", "hello")


def family_name(name: str) -> str:
    """The family name for a salutation: the last word with the lowercase particles before it
    ("Anna von Weber" -> "von Weber", "Ursula von der Leyen" -> "von der Leyen")."""
    words = name.split()
    start = len(words) - 1
    while start > 1 and words[start - 1][:1].islower():
        start -= 1
    return " ".join(words[start:])


def _footer(doc: Document, lang: Language) -> list[list[str]]:
    seller = doc.seller
    address = seller.address
    first = [address.name]
    if address.street:
        first.append(address.street)
    first.append(" ".join(part for part in (address.postcode, address.city) if part))
    contact = []
    if seller.phone:
        contact.append(f"{label('phone', lang)} {seller.phone}")
    if seller.email:
        contact.append(seller.email)
    if seller.website:
        contact.append(seller.website)
    legal = [part for part in (seller.register_court, seller.register_number) if part]
    if seller.managing_directors:
        legal.append(f"{label('managing_directors', lang)}: {seller.managing_directors}")
    if seller.vat_id:
        legal.append(f"{label('vat_id', lang)} {seller.vat_id}")
    if seller.tax_number:
        legal.append(f"{label('tax_number', lang)} {seller.tax_number}")
    bank = []
    if doc.bank:
        if doc.bank.bank_name:
            bank.append(doc.bank.bank_name)
        bank.append(f"{label('iban', lang)}\u00a0{_iban_groups(doc.bank.iban)}")
        if doc.bank.bic:
            bank.append(f"{label('bic', lang)} {doc.bank.bic}")
        if doc.bank.holder != address.name:
            bank.append(doc.bank.holder)
    return [first, contact, legal, bank]


def _iban_groups(iban: str) -> str:
    compact = iban.replace(" ", "")
    # Non-breaking spaces: an IBAN must never wrap.
    return "\u00a0".join(compact[index : index + 4] for index in range(0, len(compact), 4))


def epc_qr_svg(doc: Document) -> str | None:
    """GiroCode (EPC069-12) for the open amount: invoices in EUR with a bank account only."""
    if doc.kind != "invoice" or doc.bank is None or doc.currency != "EUR" or doc.amount_due <= 0:
        return None
    if doc.preview or doc.number is None:
        return None
    qr = segno.helpers.make_epc_qr(
        name=doc.bank.holder[:70],
        iban=doc.bank.iban.replace(" ", ""),
        amount=doc.amount_due,
        text=f"{doc.number}"[:140],
        bic=doc.bank.bic,
        encoding="UTF-8",
    )
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", xmldecl=False, svgns=True, border=0, scale=1, nl=False)
    return buffer.getvalue().decode("utf-8")


def logo_svg(png: bytes | None) -> str | None:
    """Wrap the PNG in an SVG data URI: the template gets text only, and keeps aspect ratio."""
    if not png or png[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width, height = struct.unpack(">II", png[16:24])
    encoded = b64encode(png).decode("ascii")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<image width="{width}" height="{height}" xlink:href="data:image/png;base64,{encoded}"/>'
        "</svg>"
    )


def common(doc: Document) -> Json:
    lang: Language = doc.language
    title, subtitle = _title(doc, lang)
    footer = _footer(doc, lang)
    return {
        "lang": lang,
        "labels": {key: value[lang] for key, value in LABELS.items()},
        "preview": doc.preview,
        "title": title,
        "subtitle": subtitle,
        "seller_name": doc.seller.address.name,
        "logo": logo_svg(doc.seller.logo_png),
        "sender_line": _sender_line(doc.seller),
        "recipient": _address_lines(doc.buyer.address, doc.buyer.contact_name),
        "meta": _meta(doc, lang),
        # The legal column (register, directors, tax ids) is the one that may wrap.
        "footer": [column for column in footer if column],
        "footer_flex": sum(1 for column in footer[:2] if column) if footer[2] else -1,
        "letterhead_line": " · ".join(
            part for part in (doc.seller.phone, doc.seller.email, doc.seller.website) if part
        )
        or None,
        "document_title": f"{title} {doc.number or label('draft', lang)}",
    }


def invoice_data(doc: Document) -> Json:
    lang: Language = doc.language
    return common(doc) | {
        "mode": "invoice",
        "salutation": salutation(doc, lang),
        "intro": intro(doc, lang),
        "lines": [_line(doc, line, lang) for line in doc.lines],
        "show_discount": any(line.discount_percent for line in doc.lines),
        "totals": _totals(doc, lang),
        "legal_notes": list(doc.legal_notes),
        "payment": payment_sentences(doc, lang),
        "closing": doc.closing_text,
        "qr": epc_qr_svg(doc),
    }


def timesheet_data(doc: Document) -> Json:
    lang: Language = doc.language
    groups = []
    grand_total = Decimal(0)
    for line in doc.lines:
        if not line.timesheet:
            continue
        hours = sum((entry.hours for entry in line.timesheet), Decimal(0))
        grand_total += hours
        groups.append(
            {
                "pos": str(line.position),
                "description": line.description,
                "entries": [
                    {
                        "date": format_date(entry.day, lang),
                        "employee": entry.employee,
                        "description": entry.description or "",
                        "hours": format_decimal(entry.hours, lang),
                    }
                    for entry in sorted(
                        line.timesheet, key=lambda entry: (entry.day, entry.employee)
                    )
                ],
                "sum": format_decimal(hours, lang),
            }
        )
    title, subtitle = _title(doc, lang)
    reference = f"{label('timesheet_to', lang)} {title} {doc.number or label('draft', lang)}"
    return common(doc) | {
        "mode": "timesheet",
        "title": label("timesheet", lang),
        "subtitle": reference if subtitle is None else f"{reference} ({subtitle})",
        "groups": groups,
        "grand_total": format_decimal(grand_total, lang),
    }

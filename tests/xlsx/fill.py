#!/usr/bin/env python3
"""Fills a workbook of `rubric facts --format xlsx` cell by cell, as a person would in a
spreadsheet, from a facts file (JSON): each value typed into the yellow cell of its row (sheet
填报, found by the identifier in column E) or of its list's sheet (found through the hidden sheet
_rubric), a percentage typed as one (Excel keeps 95% as 0.95 in a cell shown as a percentage),
yes/no as 是/否 from the drop-down.

    fill.py TEMPLATE.xlsx FACTS.json OUT.xlsx
"""
import json
import sys
from decimal import Decimal

import openpyxl


def typed(value):
    """The value as a person types it: "99.5%" in a percentage cell is 0.995, true is 是."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and value.endswith("%"):
        return float(Decimal(value[:-1]) / 100)
    return value


def main(template, facts_file, out):
    with open(facts_file, encoding="utf-8") as f:
        doc = json.load(f)
    book = openpyxl.load_workbook(template)
    main_sheet = book["填报"]
    main_sheet["B3"] = doc.get("department", "")
    if "year" in doc:
        main_sheet["B4"] = doc["year"]
    rows = {main_sheet.cell(row=r, column=5).value: r for r in range(7, main_sheet.max_row + 1)}
    meta = book["_rubric"]
    sheets = {meta.cell(row=r, column=1).value: meta.cell(row=r, column=2).value for r in range(3, meta.max_row + 1)}
    for name, value in doc["facts"].items():
        if isinstance(value, list):
            sheet = book[sheets[name]]
            columns = {sheet.cell(row=4, column=c).value: c for c in range(1, sheet.max_column + 1)}
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    for field, v in item.items():
                        sheet.cell(row=5 + i, column=columns[field]).value = typed(v)
                else:
                    sheet.cell(row=5 + i, column=1).value = typed(item)
        else:
            main_sheet.cell(row=rows[name], column=2).value = typed(value)
    book.save(out)


if __name__ == "__main__":
    main(*sys.argv[1:4])

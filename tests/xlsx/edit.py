#!/usr/bin/env python3
"""Types one value into one cell of a workbook, as a person would: edit.py IN.xlsx SHEET!CELL VALUE OUT.xlsx
[general]. A VALUE that reads as a number is typed as one; with 'general' the cell's format is
set to General (a percentage typed into a cell that is not shown as one)."""
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
sheet, cell = sys.argv[2].split("!")
value = sys.argv[3]
try:
    value = float(value) if "." in value else int(value)
except ValueError:
    pass
book[sheet][cell].value = value
if len(sys.argv) > 5 and sys.argv[5] == "general":
    book[sheet][cell].number_format = "General"
book.save(sys.argv[4])

#!/usr/bin/python3
# Independent check of the XLSX writer: reads a workbook with openpyxl (Debian python3-openpyxl) and
# compares every cell of sheet i with CSV file i of the same report(s). Money cells must be numbers
# formatted #,##0.00 that round to exactly the CSV's cents; counts numbers formatted #,##0;
# percentages numbers formatted 0.0% that read as the CSV's "36.5%"; text equal;
# empty cells empty. Also checks the frozen heading row, bold headings, column widths that fit the
# headings' display width (Chinese = 2), and with --charts N that the package holds N native charts
# whose series point into the sheets. The print form: three title rows before the headings (title,
# 编制单位 with 单位：元, 编制日期), landscape, one page wide, the heading row repeated on every
# page, page numbers in the footer, a 制表人/复核人/负责人 row two rows under the table, and the
# totals of summed columns as =SUM() formulas over the data rows whose cached values are the CSV's.
#
# usage: xlsx_matches_csv.py BOOK.xlsx [--charts N] [--sums N] CSV [CSV ...]
# --sums N: the workbook holds exactly N =SUM() cells (their cached values are compared with the CSV
# like every other cell).
# Exit 0 when everything matches; 1 with one line per mismatch (at most 20) otherwise.
import csv
import sys
import unicodedata
import zipfile
from decimal import Decimal

import openpyxl

MAX_PROBLEMS = 20
TITLE_ROWS = 3  # rows above the heading row


def display_width(text):
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def money_matches(value, text):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if "." not in text or len(text.split(".")[1]) != 2:
        return False
    # repr() is the shortest text that reads back to the same double; rounding it to the cent must
    # give the CSV's exact amount.
    return Decimal(repr(value)).quantize(Decimal("0.01")) == Decimal(text)


def compare_cell(cell, text, where, problems):
    value = cell.value
    if text == "":
        if value not in (None, ""):
            problems.append(f"{where}: xlsx has {value!r}, csv is empty")
        return
    if isinstance(value, str):
        # A CSV text cell that a spreadsheet would run as a formula carries a leading ' (OWASP,
        # ledger/base/text_border.h); the XLSX cell is a string and holds the text as it is.
        if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
            text = text[1:]
        if value != text:
            problems.append(f"{where}: xlsx text {value!r} != csv {text!r}")
        return
    if cell.number_format == "#,##0.00":
        if not money_matches(value, text):
            problems.append(f"{where}: xlsx money {value!r} != csv {text!r}")
        return
    if cell.number_format == "0.0%":
        ok = isinstance(value, (int, float)) and text.endswith("%")
        if not ok or Decimal(repr(value * 100)).quantize(Decimal("0.1")) != Decimal(text[:-1]):
            problems.append(f"{where}: xlsx percent {value!r} != csv {text!r}")
        return
    if cell.number_format == "#,##0":
        if not isinstance(value, (int, float)) or value != int(value) or int(value) != int(text):
            problems.append(f"{where}: xlsx count {value!r} != csv {text!r}")
        return
    problems.append(f"{where}: xlsx {value!r} has format {cell.number_format!r}, csv {text!r}")


def check_print_setup(sheet, formulas, records, problems):
    where = sheet.title
    if sheet.page_setup.orientation != "landscape":
        problems.append(f"{where}: not landscape ({sheet.page_setup.orientation})")
    # fitToWidth="1" is the schema's default, which libxlsxwriter leaves out (openpyxl: None).
    setup = sheet.page_setup
    if (not sheet.sheet_properties.pageSetUpPr.fitToPage or setup.fitToWidth not in (None, 1)
            or setup.fitToHeight != 0):
        problems.append(f"{where}: not fitted to one page wide")
    heading = TITLE_ROWS + 1
    if (sheet.print_title_rows or "").replace("$", "") != f"{heading}:{heading}":
        problems.append(f"{where}: heading row not repeated ({sheet.print_title_rows})")
    if "&P" not in (sheet.oddFooter.center.text or "") or "&N" not in sheet.oddFooter.center.text:
        problems.append(f"{where}: no page numbers in the footer")
    if not str(sheet.cell(row=2, column=1).value or "").startswith(("编制单位", "Prepared by")):
        problems.append(f"{where}: no 编制单位 row")
    if not str(sheet.cell(row=3, column=1).value or "").startswith(("编制日期", "Date")):
        problems.append(f"{where}: no 编制日期 row")
    signature = TITLE_ROWS + len(records) + 2
    if not str(sheet.cell(row=signature, column=1).value or "").startswith(("制表人", "Prepared")):
        problems.append(f"{where}: no signature row at row {signature}")
    # Every formula is a SUM over its whole column of data rows (the totals row follows them).
    first = TITLE_ROWS + 2
    for row in formulas.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                want = f"=SUM({cell.column_letter}{first}:{cell.column_letter}{cell.row - 1})"
                if cell.row - 1 == first:  # one data row: libxlsxwriter writes the cell alone
                    want = f"=SUM({cell.column_letter}{first})"
                if cell.value != want:
                    problems.append(f"{where}!{cell.coordinate}: {cell.value} != {want}")


def compare_sheet(sheet, formulas, csv_path, problems):
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    if sheet.max_row != len(records) + TITLE_ROWS + 2:
        problems.append(f"{sheet.title}: {sheet.max_row} rows, csv {csv_path} has {len(records)}")
    if sheet.freeze_panes != f"A{TITLE_ROWS + 2}":
        problems.append(f"{sheet.title}: heading row not frozen ({sheet.freeze_panes})")
    for r, record in enumerate(records, start=1):
        for c, text in enumerate(record, start=1):
            cell = sheet.cell(row=r + TITLE_ROWS, column=c)
            compare_cell(cell, text, f"{sheet.title}!R{r + TITLE_ROWS}C{c}", problems)
        if len(problems) >= MAX_PROBLEMS:
            return
    for c, heading in enumerate(records[0], start=1):
        cell = sheet.cell(row=TITLE_ROWS + 1, column=c)
        if not cell.font.b:
            problems.append(f"{sheet.title}: heading {heading!r} is not bold")
        width = sheet.column_dimensions[cell.column_letter].width
        if width is None or width < display_width(heading):
            problems.append(f"{sheet.title}: column {heading!r} width {width} < {display_width(heading)}")
    check_print_setup(sheet, formulas, records, problems)


def count_charts(path, sheet_names, problems):
    with zipfile.ZipFile(path) as package:
        charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        for name in charts:
            xml = package.read(name).decode("utf-8")
            if "<c:val>" not in xml or "<c:cat>" not in xml:
                problems.append(f"{name}: a series without values or categories")
            if not any(f"{s}'!$" in xml or f"{s}!$" in xml for s in sheet_names):
                problems.append(f"{name}: its series point into no sheet of the workbook")
    return len(charts)


def main(argv):
    args = argv[1:]
    expected_charts = None
    expected_sums = None
    while len(args) >= 3 and args[1] in ("--charts", "--sums"):
        if args[1] == "--charts":
            expected_charts = int(args[2])
        else:
            expected_sums = int(args[2])
        args = args[:1] + args[3:]
    if len(args) < 2:
        print("usage: xlsx_matches_csv.py BOOK.xlsx [--charts N] [--sums N] CSV [CSV ...]",
              file=sys.stderr)
        return 2
    # Cached values (what a reader without a calculation engine sees) and the formulas.
    book = openpyxl.load_workbook(args[0], data_only=True)
    formula_book = openpyxl.load_workbook(args[0])
    problems = []
    if len(book.worksheets) != len(args) - 1:
        problems.append(f"{len(book.worksheets)} sheets for {len(args) - 1} csv files")
    for sheet, formulas, csv_path in zip(book.worksheets, formula_book.worksheets, args[1:]):
        compare_sheet(sheet, formulas, csv_path, problems)
    if expected_sums is not None:
        sums = sum(1 for sheet in formula_book.worksheets for row in sheet.iter_rows()
                   for cell in row if isinstance(cell.value, str) and cell.value.startswith("=SUM("))
        if sums != expected_sums:
            problems.append(f"{sums} =SUM() cells, expected {expected_sums}")
    if expected_charts is not None:
        found = count_charts(args[0], book.sheetnames, problems)
        if found != expected_charts:
            problems.append(f"{found} charts, expected {expected_charts}")
    for line in problems[:MAX_PROBLEMS]:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

// The CSV form of a report (RFC 4180, UTF-8 with BOM): what a program or a spreadsheet import
// reads.
#include "reports/writers.h"

namespace subsidy::reports {

namespace {

void write_field(const std::string& field, std::ostream& out) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    out << field;
    return;
  }
  out << '"';
  for (char c : field) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

void write_record(const std::vector<std::string>& fields, std::ostream& out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    write_field(fields[i], out);
  }
  out << '\n';
}

std::vector<std::string> plain_row(const Row& row) {
  std::vector<std::string> fields;
  fields.reserve(row.size());
  for (const Cell& cell : row) fields.push_back(cell_plain(cell));
  return fields;
}

}  // namespace

void write_csv(const ReportTable& table, Lang lang, std::ostream& out) {
  out << "\xEF\xBB\xBF";
  std::vector<std::string> headings;
  for (const Column& column : table.columns()) headings.push_back(column.heading(lang));
  write_record(headings, out);
  for (const Row& row : table.rows()) write_record(plain_row(row), out);
  if (table.has_totals()) {
    std::vector<std::string> totals = plain_row(table.totals());
    totals[0] = totals_label(lang);
    write_record(totals, out);
  }
  std::vector<std::string> trailer(table.columns().size());
  trailer[0] = ledger_head_label(lang);
  if (trailer.size() > 1) trailer[1] = table.ledger_head();
  write_record(trailer, out);
}

}  // namespace subsidy::reports

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
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  out << quoted << '"';
}

void write_record(const std::vector<std::string>& fields, std::ostream& out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    write_field(fields[i], out);
  }
  out << '\n';
}

// A data row straight to the stream: no vector of fields per row (a report may have a million).
void write_row(const Row& row, std::ostream& out) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out << ',';
    if (const auto* text = std::get_if<std::string>(&row[i])) {
      write_field(*text, out);  // only text can hold a comma or a quote
    } else {
      out << cell_plain(row[i]);
    }
  }
  out << '\n';
}

}  // namespace

void write_csv(const ReportTable& table, Lang lang, std::ostream& out) {
  out << "\xEF\xBB\xBF";
  std::vector<std::string> headings;
  for (const Column& column : table.columns()) headings.push_back(column.heading(lang));
  write_record(headings, out);
  for (const Row& row : table.rows()) write_row(row, out);
  if (table.has_totals()) {
    Row totals = table.totals();
    totals[0] = std::string(totals_label(lang));
    write_row(totals, out);
  }
  std::vector<std::string> trailer(table.columns().size());
  trailer[0] = ledger_head_label(lang);
  if (trailer.size() > 1) trailer[1] = table.ledger_head();
  write_record(trailer, out);
}

}  // namespace subsidy::reports

// The CSV form of a report (RFC 4180, UTF-8 with BOM): what a program or a spreadsheet import
// reads. Text cells that a spreadsheet would run as a formula get a leading ' (OWASP).
#include "ledger/tables/writers.h"

#include "ledger/base/text_border.h"

namespace subsidy::reports {

namespace {

// Appends one text field, quoted when it holds a comma, a quote or a line break, and with a
// leading ' when a spreadsheet would read it as a formula (formula_safe). Only text goes through
// here: amounts and counts are written as plain numbers.
void append_field(const std::string& text, std::string& line) {
  const std::string field = formula_safe(text);
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    line += field;
    return;
  }
  line.push_back('"');
  for (char c : field) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

void write_record(const std::vector<std::string>& fields, std::ostream& out) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(',');
    append_field(fields[i], line);
  }
  line.push_back('\n');
  out << line;
}

// A data row straight to the stream through one reused buffer: no vector of fields and one
// stream write per row (a report may have a million).
void write_row(const Row& row, std::string& line, std::ostream& out) {
  line.clear();
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) line.push_back(',');
    if (const auto* text = std::get_if<std::string>(&row[i])) {
      append_field(*text, line);  // only text can hold a comma or a quote
    } else if (!std::holds_alternative<std::monostate>(row[i])) {
      line += cell_plain(row[i]);
    }
  }
  line.push_back('\n');
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

}  // namespace

void write_csv(const ReportTable& table, Language lang, std::ostream& out) {
  out << "\xEF\xBB\xBF";
  std::vector<std::string> headings;
  for (const Column& column : table.columns()) headings.push_back(column.heading(lang));
  write_record(headings, out);
  std::string line;
  for (const Row& row : table.rows()) write_row(row, line, out);
  for (const Row& closing : table.closing_rows(lang)) write_row(closing, line, out);
  std::vector<std::string> trailer(table.columns().size());
  trailer[0] = ledger_head_label(lang);
  if (trailer.size() > 1) trailer[1] = table.ledger_head();
  write_record(trailer, out);
}

}  // namespace subsidy::reports

// The .xlsx reader (xlsx_reader.h): libzip for the archive, libxml2 for sharedStrings.xml and the
// sheet, with entry sizes capped and DOCTYPE/ENTITY refused before the parser sees a part.
#include "ledger/masterdata/xlsx_reader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <cstring>
#include <limits>
#include <memory>

#include "ledger/base/error.h"

namespace subsidy {

namespace {

using XlsxDoc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

[[noreturn]] void refuse(std::string_view file_name, const std::string& reason) {
  throw RefusedError(std::string(file_name) + ": " + reason);
}

// The uncompressed bytes of one entry, read up to the limit (the size in the directory is not
// trusted: reading stops one byte past the limit). Empty when the entry does not exist and
// `optional`.
std::string read_entry(zip_t* archive, const char* name, std::string_view file_name,
                       const XlsxLimits& limits, bool optional) {
  zip_file_t* raw = zip_fopen(archive, name, 0);
  if (raw == nullptr) {
    if (optional) return {};
    refuse(file_name, std::string("not an Excel workbook: the part ") + name + " is missing");
  }
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> entry(raw, zip_fclose);
  std::string bytes;
  char chunk[64 * 1024];
  for (;;) {
    const zip_int64_t got = zip_fread(entry.get(), chunk, sizeof chunk);
    if (got < 0) refuse(file_name, std::string("the part ") + name + " cannot be decompressed");
    if (got == 0) break;
    bytes.append(chunk, static_cast<size_t>(got));
    if (bytes.size() > limits.max_entry_bytes) {
      refuse(file_name, std::string("refused: the part ") + name + " expands beyond " +
                            std::to_string(limits.max_entry_bytes) + " bytes (a zip bomb?)");
    }
  }
  return bytes;
}

XlsxDoc parse_part(const std::string& bytes, const char* name, std::string_view file_name) {
  if (bytes.find("<!DOCTYPE") != std::string::npos || bytes.find("<!ENTITY") != std::string::npos) {
    refuse(file_name, std::string("refused: the part ") + name +
                          " declares a DOCTYPE or ENTITY, which no workbook needs");
  }
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    refuse(file_name, std::string("refused: the part ") + name + " is too large");
  }
  // NONET: no network; no NOENT, DTDLOAD, XINCLUDE or HUGE.
  constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  XlsxDoc doc(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), name, nullptr, kOptions),
              xmlFreeDoc);
  if (!doc || xmlDocGetRootElement(doc.get()) == nullptr || doc->intSubset != nullptr) {
    refuse(file_name, std::string("not an Excel workbook: the part ") + name + " is not XML");
  }
  return doc;
}

bool is_element(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string text = reinterpret_cast<const char*>(value);
  xmlFree(value);
  return text;
}

// The text of the <t> elements under `node` (a shared string or an inline string, plain or rich),
// leaving out phonetic runs (<rPh>).
void append_text(const xmlNode* node, std::string& out) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (is_element(child, "rPh")) continue;
    if (is_element(child, "t")) {
      xmlChar* text = xmlNodeGetContent(child);
      if (text != nullptr) out += reinterpret_cast<const char*>(text);
      xmlFree(text);
    } else if (child->type == XML_ELEMENT_NODE) {
      append_text(child, out);
    }
  }
}

std::vector<std::string> shared_strings(zip_t* archive, std::string_view file_name,
                                        const XlsxLimits& limits) {
  const char* name = "xl/sharedStrings.xml";
  const std::string bytes = read_entry(archive, name, file_name, limits, true);
  std::vector<std::string> strings;
  if (bytes.empty()) return strings;
  const XlsxDoc doc = parse_part(bytes, name, file_name);
  for (const xmlNode* si = xmlDocGetRootElement(doc.get())->children; si != nullptr;
       si = si->next) {
    if (!is_element(si, "si")) continue;
    strings.emplace_back();
    append_text(si, strings.back());
  }
  return strings;
}

// The zero-based column of a cell reference like "AB12"; `fallback` when there is none.
size_t column_of(const std::string& reference, size_t fallback, size_t max_columns,
                 std::string_view file_name) {
  size_t column = 0;
  size_t letters = 0;
  for (const char c : reference) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<size_t>(c - 'A' + 1);
    if (++letters > 3) break;
  }
  if (letters == 0) return fallback;
  if (column > max_columns) refuse(file_name, "cell " + reference + " is beyond the last column");
  return column - 1;
}

std::string cell_text(const xmlNode* cell, const std::vector<std::string>& strings,
                      std::string_view file_name) {
  const std::string type = attribute(cell, "t");
  std::string text;
  for (const xmlNode* child = cell->children; child != nullptr; child = child->next) {
    if (type == "inlineStr" && is_element(child, "is")) append_text(child, text);
    if (type != "inlineStr" && is_element(child, "v")) {
      xmlChar* value = xmlNodeGetContent(child);
      if (value != nullptr) text = reinterpret_cast<const char*>(value);
      xmlFree(value);
    }
  }
  if (type != "s") return text;
  size_t index = 0;
  for (const char c : text) {
    if (c < '0' || c > '9' || index > strings.size()) refuse(file_name, "a bad shared string");
    index = index * 10 + static_cast<size_t>(c - '0');
  }
  if (text.empty() || index >= strings.size()) refuse(file_name, "a bad shared string index");
  return strings[index];
}

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

std::vector<std::vector<std::string>> read_xlsx_first_sheet(std::string_view bytes,
                                                            std::string_view file_name,
                                                            const XlsxLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) refuse(file_name, "cannot be read as an Excel workbook");
  zip_t* raw = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (raw == nullptr) {
    zip_source_free(source);
    zip_error_fini(&error);
    refuse(file_name, "not an Excel workbook (the zip archive is damaged)");
  }
  std::unique_ptr<zip_t, decltype(&zip_discard)> archive(raw, zip_discard);
  if (zip_get_num_entries(raw, 0) > limits.max_entries) {
    refuse(file_name, "refused: the archive has too many entries");
  }
  const std::vector<std::string> strings = shared_strings(raw, file_name, limits);
  const char* name = "xl/worksheets/sheet1.xml";
  const XlsxDoc sheet =
      parse_part(read_entry(raw, name, file_name, limits, false), name, file_name);
  std::vector<std::vector<std::string>> rows;
  for (const xmlNode* part = xmlDocGetRootElement(sheet.get())->children; part != nullptr;
       part = part->next) {
    if (!is_element(part, "sheetData")) continue;
    for (const xmlNode* row = part->children; row != nullptr; row = row->next) {
      if (!is_element(row, "row")) continue;
      std::vector<std::string> cells;
      for (const xmlNode* cell = row->children; cell != nullptr; cell = cell->next) {
        if (!is_element(cell, "c")) continue;
        const size_t column =
            column_of(attribute(cell, "r"), cells.size(), limits.max_columns, file_name);
        if (column < cells.size()) refuse(file_name, "cells out of order in a row");
        std::string text = cell_text(cell, strings, file_name);
        if (text.empty()) continue;
        cells.resize(column);
        cells.push_back(std::move(text));
      }
      rows.push_back(std::move(cells));
    }
  }
  return rows;
}

std::string rows_to_csv(const std::vector<std::vector<std::string>>& rows) {
  size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.size());
  std::string out;
  for (const auto& row : rows) {
    for (size_t i = 0; i < width; ++i) {
      if (i > 0) out.push_back(',');
      if (i >= row.size()) continue;
      const std::string& cell = row[i];
      if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        out += cell;
        continue;
      }
      out.push_back('"');
      for (const char c : cell) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
      }
      out.push_back('"');
    }
    out.push_back('\n');
  }
  return out;
}

}  // namespace subsidy

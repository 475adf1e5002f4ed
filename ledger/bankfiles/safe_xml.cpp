// Safe parsing of untrusted XML with libxml2: the byte checks done before the parser sees the file,
// the parser options, and the checks on the tree it returns.
#include "ledger/bankfiles/safe_xml.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <fstream>
#include <limits>

#include "ledger/base/error.h"

namespace subsidy {

namespace {

std::string first_line_of(const char* message) {
  std::string text = message != nullptr ? message : "unknown error";
  const size_t newline = text.find('\n');
  if (newline != std::string::npos) text.resize(newline);
  return text;
}

// Byte checks that need no parser. XML allows a DOCTYPE only in the prolog, and an ENTITY
// declaration only inside one, so finding neither string in an ASCII-compatible encoding proves
// there is none; CDATA or comments quoting these words are refused too, which no bank file does.
void check_bytes(std::string_view bytes, const std::string& label, size_t max_bytes) {
  if (bytes.size() > max_bytes) {
    throw RefusedError(label + ": refused: larger than " + std::to_string(max_bytes) + " bytes");
  }
  if (bytes.empty()) throw RefusedError(label + ": refused: empty file, not XML");
  if (bytes.find('\0') != std::string_view::npos) {
    throw RefusedError(label +
                       ": refused: contains NUL bytes (UTF-16 or binary); bank files "
                       "must be UTF-8 XML");
  }
  if (bytes.find("<!DOCTYPE") != std::string_view::npos ||
      bytes.find("<!ENTITY") != std::string_view::npos) {
    throw RefusedError(label +
                       ": refused: the file declares a DOCTYPE or ENTITY; bank files never "
                       "need one, and entity declarations can expand without limit "
                       "(\"billion laughs\")");
  }
}

}  // namespace

XmlDocument parse_untrusted_xml(std::string_view bytes, const std::string& label,
                                size_t max_bytes) {
  check_bytes(bytes, label, max_bytes);
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    throw RefusedError(label + ": refused: too large");
  }
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> context(xmlNewParserCtxt(),
                                                                       xmlFreeParserCtxt);
  if (!context) throw RefusedError(label + ": out of memory");
  // NONET: no network; NOERROR/NOWARNING: errors are collected below, not printed by libxml2. Not
  // NOENT (entity substitution), DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE.
  constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  XmlDocument doc(xmlCtxtReadMemory(context.get(), bytes.data(), static_cast<int>(bytes.size()),
                                    label.c_str(), nullptr, kOptions),
                  xmlFreeDoc);
  const xmlError* error = xmlCtxtGetLastError(context.get());
  if (!doc || context->wellFormed == 0 || (error != nullptr && error->level >= XML_ERR_ERROR)) {
    const std::string where = error != nullptr ? ":" + std::to_string(error->line) : "";
    throw RefusedError(label + where + ": malformed XML: " +
                       first_line_of(error != nullptr ? error->message : nullptr));
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    throw RefusedError(label + ": refused: the file declares a DOCTYPE");
  }
  if (xmlDocGetRootElement(doc.get()) == nullptr) {
    throw RefusedError(label + ": malformed XML: no root element");
  }
  return doc;
}

std::string read_file_limited(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RefusedError(path + ": cannot open the file");
  std::string bytes;
  constexpr size_t kChunk = 64 * 1024;
  char chunk[kChunk];
  while (in.read(chunk, kChunk) || in.gcount() > 0) {
    bytes.append(chunk, static_cast<size_t>(in.gcount()));
    if (bytes.size() > max_bytes) {
      throw RefusedError(path + ": refused: larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  if (in.bad()) throw RefusedError(path + ": cannot read the file");
  return bytes;
}

std::string xml_trimmed_text(const xmlNode* node) {
  // xmlFree is a function pointer variable in libxml2, hence the small deleter.
  struct Free {
    void operator()(xmlChar* text) const { xmlFree(text); }
  };
  std::unique_ptr<xmlChar, Free> content(xmlNodeGetContent(node));
  std::string text = content ? reinterpret_cast<const char*>(content.get()) : "";
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && space(text[begin])) ++begin;
  while (end > begin && space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

}  // namespace subsidy

// XML Schema validation with libxml2, collecting the validator's messages instead of letting it
// print them.
#include "ledger/bankfiles/xsd_check.h"

#include <libxml/xmlschemas.h>

#include <fstream>
#include <memory>

#include "ledger/base/error.h"
#include "ledger/bankfiles/safe_xml.h"

namespace subsidy {

namespace {

constexpr size_t kMaxProblems = 50;

void collect(void* user, xmlErrorPtr error) {
  auto* problems = static_cast<std::vector<std::string>*>(user);
  if (error == nullptr || problems->size() >= kMaxProblems) return;
  std::string message = error->message != nullptr ? error->message : "invalid";
  while (!message.empty() && message.back() == '\n') message.pop_back();
  problems->push_back("line " + std::to_string(error->line) + ": " + message);
}

}  // namespace

std::vector<std::string> xsd_problems(std::string_view xml, const std::string& xsd_path) {
  // libxml2 would print its own warning for a missing file; say it once, our way.
  if (!std::ifstream(xsd_path)) throw RefusedError(xsd_path + ": cannot read the schema");
  std::vector<std::string> schema_errors;
  std::unique_ptr<xmlSchemaParserCtxt, decltype(&xmlSchemaFreeParserCtxt)> parser(
      xmlSchemaNewParserCtxt(xsd_path.c_str()), xmlSchemaFreeParserCtxt);
  if (!parser) throw RefusedError(xsd_path + ": cannot read the schema");
  xmlSchemaSetParserStructuredErrors(parser.get(), collect, &schema_errors);
  std::unique_ptr<xmlSchema, decltype(&xmlSchemaFree)> schema(xmlSchemaParse(parser.get()),
                                                              xmlSchemaFree);
  if (!schema) {
    throw RefusedError(xsd_path + ": not a usable XML Schema" +
                       (schema_errors.empty() ? "" : ": " + schema_errors.front()));
  }
  XmlDocument doc = parse_untrusted_xml(xml, "produced XML");
  std::vector<std::string> problems;
  std::unique_ptr<xmlSchemaValidCtxt, decltype(&xmlSchemaFreeValidCtxt)> validator(
      xmlSchemaNewValidCtxt(schema.get()), xmlSchemaFreeValidCtxt);
  if (!validator) throw RefusedError(xsd_path + ": out of memory");
  xmlSchemaSetValidStructuredErrors(validator.get(), collect, &problems);
  const int rc = xmlSchemaValidateDoc(validator.get(), doc.get());
  if (rc != 0 && problems.empty())
    problems.push_back("invalid (libxml2 code " + std::to_string(rc) + ")");
  return problems;
}

}  // namespace subsidy

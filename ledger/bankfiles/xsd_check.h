// Checking an XML file we produce against the XML Schema its receiver uses (the ISO 20022 XSDs in
// ../shared/xsd), so that a file that a bank would reject never leaves the building. Used by the
// tests on every produced file and by `batch export --validate`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace subsidy {

// Validates `xml` against the XML Schema in the file `xsd_path` with libxml2
// (xmlSchemaValidateDoc). Returns the problems found, each "line N: message", at most 50; empty
// means valid. Throws RefusedError when the schema itself cannot be read or compiled, or when `xml`
// is not well-formed (it is parsed with parse_untrusted_xml).
std::vector<std::string> xsd_problems(std::string_view xml, const std::string& xsd_path);

}  // namespace subsidy

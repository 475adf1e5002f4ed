// Parsing XML that comes from outside (bank status reports) without letting it reach the network,
// load a DTD, expand entities or grow without bound. Every refusal is one RefusedError line that
// names the file and, where libxml2 knows it, the line.
#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace subsidy {

// An owned libxml2 document; freed with xmlFreeDoc.
using XmlDocument = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// The largest XML file we read: a status report for the largest batch is well under 10 MiB.
inline constexpr size_t kMaxXmlBytes = 32 * 1024 * 1024;

// Parses `bytes` (named `label` in messages) with XML_PARSE_NONET, no entity substitution, no DTD
// loading or validation, and libxml2's default depth and size limits. Refuses, before parsing, any
// document larger than `max_bytes`, encoded in UTF-16/32 (it must be ASCII-compatible, so that the
// next check sees it), or carrying a DOCTYPE or ENTITY declaration (bank files never need one; an
// entity declaration is how a "billion laughs" file expands without limit). Refuses malformed XML
// with libxml2's message and line. The caller owns the returned document.
XmlDocument parse_untrusted_xml(std::string_view bytes, const std::string& label,
                                size_t max_bytes = kMaxXmlBytes);

// Reads a whole file of at most `max_bytes` bytes. Throws RefusedError naming the path when it
// cannot be opened or read, or is larger.
std::string read_file_limited(const std::string& path, size_t max_bytes);

// The text content of `node` with ASCII white space trimmed at both ends (banks pad references).
std::string xml_trimmed_text(const xmlNode* node);

}  // namespace subsidy

// Reading ISO 20022 customer payment status reports (pain.002.001.03 and pain.002.001.10), the
// files a bank sends back about a pain.001 we sent, safely (see safe_xml.h).
#pragma once

#include <string>
#include <string_view>

#include "ledger/payments/bank_return.h"

namespace subsidy {

// Parses a status report. The root must be a Document in namespace
// urn:iso:std:iso:20022:tech:xsd:pain.002.001.03 or .10 holding a CstmrPmtStsRpt. One real bank
// writes the namespace as an attribute spelled "Xmlns", which XML does not read as a namespace;
// such a file is read as the version it names and a note says so. Every status code must be an ISO
// one (status_class), every amount exact to the fen, every count a number; references are trimmed
// of the spaces some banks pad them with. Throws RefusedError (one line: file, line where known,
// reason) for: an unsafe or malformed file, a wrong or missing namespace, a document that is not a
// status report, an unknown status code, an unreadable amount or count, more than
// kMaxBatchItems transactions.
BankReturn read_pain002(std::string_view bytes, const std::string& label);

}  // namespace subsidy

// Escaping text for HTML: the one function every HTML writer uses (the payment vouchers of
// ledger/bankfiles and every page of the browser front end in tools/server).
#pragma once

#include <string>
#include <string_view>

namespace subsidy {

// `text` made safe inside HTML element content and double- or single-quoted attributes: & < > "
// and ' replaced by their character references, every other byte (UTF-8 included) as it is.
// Never fails.
std::string html_escape(std::string_view text);

}  // namespace subsidy

// The identifiers of master data, checked before anything is stored: the unified social credit code
// of an enterprise (统一社会信用代码, GB 32100-2015), the CNAPS code of a bank branch
// (支付系统行号), region codes and the free-form record ids of projects and applications. Each
// check returns the reason a text is refused (a short phrase for a clerk), or nullopt when it is
// valid; none throws for ordinary bad input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace subsidy {

// The 31 characters a USCC is written in: digits and the capitals without I, O, Z, S, V.
inline constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
inline constexpr size_t kUsccLength = 18;

// Why `text` is not a valid USCC, or nullopt. Checks, each with its own reason: length 18, the
// alphabet (lower case gets the hint "use capital letters"), and the check character (position 18),
// which must be 31 − (Σ value_i × 3^i mod 31 over the first 17) mod 31, with 31 written as '0'.
std::optional<std::string> check_uscc(std::string_view text);

// The check character for the first 17 characters of a USCC (`body` must be 17 characters of
// kUsccAlphabet); nullopt otherwise. Used to build valid codes for tests, demos and benchmarks.
std::optional<char> uscc_check_character(std::string_view body);

// Why `text` is not a CNAPS bank code (exactly 12 ASCII digits), or nullopt.
std::optional<std::string> check_cnaps_code(std::string_view text);

// Why `text` is not a region code (1–16 characters of A–Z, a–z, 0–9, '_' and '-'), or nullopt.
std::optional<std::string> check_region_code(std::string_view text);

// Why `text` is not a usable record id (project_id, application_id): 1–64 bytes, no control
// characters, no spaces at either end. Any script is allowed (ids are the bureau's own numbering).
std::optional<std::string> check_record_id(std::string_view text);

// Why `text` is not a bank account number (1–34 ASCII digits, the IBAN-length bound), or nullopt.
std::optional<std::string> check_account_no(std::string_view text);

}  // namespace subsidy

// Text at the border: every name, account name, actor, reference and memo that comes into the
// ledger from outside (an import file, the command line, the OS user) passes one of these
// functions before it is stored or compared. Text is NFC-normalized (utf8proc) and trimmed;
// characters that are invisible or change how a line is shown or parsed are refused with their
// position and code point: C0/C1 controls, bidirectional controls, zero-width and other format
// characters (Unicode category Cf), line and paragraph separators. Names that reach a bank file
// also refuse no-break spaces and a leading formula character, and are held to the bank formats'
// length limits, declared here once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace subsidy {

// The limits of every bank format the ledger exports (ISO 20022 pain.001.001.03 and .09, the
// bank upload CSV, which has no tighter limit of its own): names (Nm) are Max140Text, the
// account's Othr/Id is Max34Text. Counted in characters, not bytes.
inline constexpr size_t kBankNameMaxChars = 140;
inline constexpr size_t kAccountNoMaxChars = 34;

// What a text is, which decides the checks beyond the common ones.
enum class TextKind {
  text,       // a memo, reason, reference or actor: the common checks only
  name,       // a name (region, enterprise, project): also no NBSP, U+3000 or other odd spaces
  bank_name,  // a name that reaches a bank file (payee account name, bank name): as `name`, and
              // at most kBankNameMaxChars, and no leading = + - @ (the bank CSV is not escaped)
};

// Why a text was refused: where (1-based character position in the text as given, counting
// code points), which character, and a sentence saying what is wrong and what to change.
struct TextProblem {
  size_t column = 0;        // 1-based character position; 0 when the problem is the whole text
  char32_t code_point = 0;  // the offending character; 0 for problems that are not one
  std::string reason;       // e.g. "character 6 is U+202E, a bidirectional control …"
};

// The result of border_text: the normalized text, or the first problem found.
struct BorderText {
  std::string text;                    // NFC, trimmed of ASCII spaces; empty when refused
  std::optional<TextProblem> problem;  // set when the text is refused
  explicit operator bool() const { return !problem.has_value(); }
};

// Checks and normalizes `raw` as text of `kind`: refuses invalid UTF-8, C0/C1 controls (TAB
// included), DEL, bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), every
// other format character (category Cf: U+200B, U+FEFF, U+00AD, …), U+2028 and U+2029; for names
// also U+00A0, U+3000 and every space other than U+0020 (with the hint to use an ordinary space);
// for bank names a length over kBankNameMaxChars and a first character = + - @. Otherwise returns
// the text NFC-normalized and trimmed of leading and trailing U+0020. Never throws.
BorderText border_text(std::string_view raw, TextKind kind);

// border_text for text where a refusal ends the command: returns the normalized text or throws
// RefusedError "<what>: <reason>" (what = e.g. "--actor", "cancel reason"). Empty text is
// refused too ("<what> is empty").
std::string require_border_text(std::string_view raw, TextKind kind, std::string_view what);

// nullopt when `text` is an account number the banks take: 1 to kAccountNoMaxChars ASCII digits;
// else why not, with the hint to remove spaces and hyphens when those are what is wrong.
std::optional<std::string> account_number_problem(std::string_view text);

// The form under which two names are compared: NFKC, case-folded, every control, format and
// separator character removed, every run of spaces one U+0020, trimmed. Never throws; invalid
// UTF-8 bytes are kept as they are (so different bad bytes stay different).
std::string name_key(std::string_view name);

// True when `a` and `b` are the same name once normalized (name_key): "clerk", "clerk ",
// "clerk\x7f", "clerk" + U+200B and "ｃｌｅｒｋ" are one name.
bool same_name(std::string_view a, std::string_view b);

// "U+202E": the code point as Unicode writes it (at least four hex digits, capitals).
std::string code_point_label(char32_t code_point);

// `text` with every control character (C0, DEL, C1), bidi control, other format character and
// line or paragraph separator written as \xHH (bytes below 0x80) or \u{HHHH}, and every invalid
// UTF-8 byte as \xHH: safe to write on one line of a log or a terminal.
std::string escape_for_line(std::string_view text);

// True when `text` starts with a character a spreadsheet reads as the start of a formula
// (= + - @ TAB CR, OWASP's list).
bool starts_like_formula(std::string_view text);

// A text cell of a report CSV as a spreadsheet must show it, never run it: `text` with a leading
// ' when it starts_like_formula (OWASP's rule for CSV injection), else unchanged. For text cells
// only: amounts and counts stay plain numbers. Never for the bank upload CSV, whose cells the
// bank reads as they are (names that would need it are refused at import instead).
std::string formula_safe(std::string_view text);

}  // namespace subsidy

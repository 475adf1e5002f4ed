// The language of what people read: Chinese by default, English on request (`--lang en`). One
// type for every table, report, voucher, explanation and message of the program.
#pragma once

#include <optional>
#include <string_view>

namespace subsidy {

enum class Language { zh, en };

// "zh" or "en".
constexpr std::string_view language_code(Language language) {
  return language == Language::zh ? "zh" : "en";
}
// The language of a code, "zh" or "en"; nullopt for anything else.
constexpr std::optional<Language> language_from_code(std::string_view code) {
  if (code == "zh") return Language::zh;
  if (code == "en") return Language::en;
  return std::nullopt;
}

}  // namespace subsidy

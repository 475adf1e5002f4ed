// The checked toml++ table reader of the policy loader (see policy_toml.h).
#include "ledger/policy/policy_toml.h"

namespace subsidy::policy_toml {

namespace {

std::string quoted(std::string_view key) {
  return "'" + std::string(key) + "'";
}

}  // namespace

void ProblemSink::add(const toml::source_region& where, std::string reason) {
  problems.push_back({source, static_cast<int64_t>(where.begin.line),
                      std::to_string(where.begin.column), std::move(reason)});
}

const toml::node* Table::node(std::string_view key, bool required) {
  asked_.insert(std::string(key));
  const toml::node* found = table_.get(key);
  if (found == nullptr && required) sink_.add(table_.source(), "missing key " + quoted(key));
  return found;
}

bool Table::expect(const toml::node& found, std::string_view key, toml::node_type type,
                   std::string_view words) {
  if (found.type() == type) return true;
  if (found.type() == toml::node_type::floating_point) {
    sink_.add(found.source(), quoted(key) +
                                  " is a TOML float; write it as a quoted string, e.g. \"0.05\" or "
                                  "\"1000000.00\", so that it stays exact");
  } else {
    sink_.add(found.source(), quoted(key) + " must be " + std::string(words));
  }
  return false;
}

std::optional<LocatedText> Table::text(std::string_view key, bool required) {
  const toml::node* found = node(key, required);
  if (found == nullptr) return std::nullopt;
  if (!expect(*found, key, toml::node_type::string, "a quoted string")) return std::nullopt;
  LocatedText value{std::string(found->as_string()->get()), found};
  if (value.value.empty()) {
    sink_.add(found->source(), quoted(key) + " is empty");
    return std::nullopt;
  }
  return value;
}

std::optional<Money> Table::money(std::string_view key, bool required) {
  auto value = text(key, required);
  if (!value) return std::nullopt;
  auto parsed = parse_money(value->value);
  if (!parsed) {
    sink_.add(value->node->source(), quoted(key) + " " + parsed.error);
    return std::nullopt;
  }
  if (parsed.value->is_negative()) {
    sink_.add(value->node->source(), quoted(key) + " is negative: " + value->value);
    return std::nullopt;
  }
  return parsed.value;
}

std::optional<Decimal> Table::decimal(std::string_view key, bool unit_interval, bool required) {
  auto value = text(key, required);
  if (!value) return std::nullopt;
  auto parsed = Decimal::parse_plain(value->value);
  if (!parsed) {
    sink_.add(value->node->source(), quoted(key) + " " + parsed.error);
    return std::nullopt;
  }
  if (unit_interval && parsed.value->is_negative()) {
    sink_.add(value->node->source(), quoted(key) + " is negative: " + value->value);
    return std::nullopt;
  }
  if (unit_interval && *parsed.value > Decimal::from_integer(1)) {
    sink_.add(value->node->source(),
              quoted(key) + " is over 100%: " + value->value + " is more than 1");
    return std::nullopt;
  }
  return parsed.value;
}

std::optional<bool> Table::boolean(std::string_view key) {
  const toml::node* found = node(key, false);
  if (found == nullptr) return std::nullopt;
  if (!expect(*found, key, toml::node_type::boolean, "true or false")) return std::nullopt;
  return found->as_boolean()->get();
}

std::optional<CalendarDate> Table::date(std::string_view key) {
  const toml::node* found = node(key, true);
  if (found == nullptr) return std::nullopt;
  if (!expect(*found, key, toml::node_type::date, "an unquoted date like 2022-01-01")) {
    return std::nullopt;
  }
  const toml::date value = found->as_date()->get();
  return CalendarDate{value.year, value.month, value.day};
}

std::optional<Rounding> Table::rounding(std::string_view key) {
  auto name = text(key);
  if (!name) return std::nullopt;
  auto mode = rounding_from_name(name->value);
  if (!mode) sink_.add(name->node->source(), "unknown rounding mode '" + name->value + "'");
  return mode;
}

const toml::array* Table::array(std::string_view key, bool required, toml::node_type item_type,
                                std::string_view item_words) {
  const toml::node* found = node(key, required);
  if (found == nullptr) return nullptr;
  if (!expect(*found, key, toml::node_type::array, "an array")) return nullptr;
  const toml::array& items = *found->as_array();
  if (items.size() > kMaxListItems) {
    sink_.add(found->source(),
              quoted(key) + " has more than " + std::to_string(kMaxListItems) + " items");
    return nullptr;
  }
  bool ok = true;
  for (const toml::node& item : items) ok = expect(item, key, item_type, item_words) && ok;
  return ok ? &items : nullptr;
}

std::vector<const toml::table*> Table::tables(std::string_view key, bool required, bool non_empty) {
  std::vector<const toml::table*> result;
  const toml::array* items = array(key, required, toml::node_type::table, "a list of tables");
  if (items == nullptr) return result;
  if (non_empty && items->empty()) sink_.add(items->source(), quoted(key) + " is empty");
  for (const toml::node& item : *items) result.push_back(item.as_table());
  return result;
}

std::vector<LocatedText> Table::texts(std::string_view key, bool required) {
  std::vector<LocatedText> result;
  const toml::array* items = array(key, required, toml::node_type::string, "quoted strings");
  if (items == nullptr) return result;
  for (const toml::node& item : *items) {
    result.push_back({std::string(item.as_string()->get()), &item});
  }
  return result;
}

void Table::finish() {
  for (auto&& [key, value] : table_) {
    if (asked_.find(key.str()) == asked_.end()) {
      sink_.add(key.source(), "unknown key " + quoted(key.str()));
    }
  }
}

}  // namespace subsidy::policy_toml

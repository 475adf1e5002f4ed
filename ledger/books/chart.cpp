// The chart of accounts: building qualified account names and checking a name against the chart
// before anything is posted to it, so that a typo cannot open a new account silently.
#include "ledger/books/chart.h"

#include <array>

#include "ledger/base/check.h"

namespace subsidy::chart {

namespace {

constexpr size_t kMaxAccountBytes = 100;
constexpr size_t kMaxKindBytes = 40;

struct Base {
  std::string_view name;
  bool qualified;  // true: the account is always kept per enterprise / region / year
  AccountClass account_class;
  std::string_view subject_zh;  // docs/chart-of-accounts.md: a reading of 财库〔2022〕41号
  std::string_view subject_en;
};

using enum AccountClass;
constexpr std::array<Base, 9> kBases = {{
    {kCountyExpense, false, expense, "一般公共预算本级支出（智改数转奖补）",
     "County expenditure (awards)"},
    {kCountyAppropriation, false, revenue, "本级预算安排（智改数转专项资金）",
     "County appropriation"},
    {kTreasury, false, asset, "国库存款", "Treasury deposit"},
    {kBankInTransit, false, liability, "其他应付款（在途拨付）", "Payments in transit"},
    {kFundBalance, false, net_assets, "一般公共预算结转结余", "Fund balance"},
    {kRegionDue, true, asset, "与下级往来（县区园区应承担）", "Due from regions"},
    {kAwardPayable, true, liability, "其他应付款（应付奖补资金）", "Awards payable"},
    {kClawbackReceivable, true, asset, "其他应收款（应收回奖补资金）", "Clawbacks receivable"},
    {kYearClose, true, memorandum, "结账备查（旧式结账）", "Year close (memorandum)"},
}};

const Base& base_of(std::string_view account) {
  const std::string_view base = account_base(account);
  for (const Base& known : kBases) {
    if (known.name == base) return known;
  }
  SUBSIDY_UNREACHABLE("an account of the chart");
}

bool is_qualifier_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

std::string qualified(std::string_view base, std::string_view qualifier) {
  std::string name(base);
  name += ':';
  name += qualifier;
  SUBSIDY_ASSERT(name.size() == base.size() + 1 + qualifier.size());
  return name;
}

}  // namespace

std::string region_due(std::string_view region_code) {
  return qualified(kRegionDue, region_code);
}
std::string award_payable(std::string_view uscc) {
  return qualified(kAwardPayable, uscc);
}
std::string clawback_receivable(std::string_view uscc) {
  return qualified(kClawbackReceivable, uscc);
}
std::string year_close(int64_t year) {
  return qualified(kYearClose, std::to_string(year));
}

AccountClass account_class(std::string_view account) {
  return base_of(account).account_class;
}

bool is_nominal(std::string_view account) {
  const AccountClass of = account_class(account);
  return of == AccountClass::revenue || of == AccountClass::expense;
}

std::string_view subject_name(std::string_view account, Language lang) {
  const Base& base = base_of(account);
  return lang == Language::zh ? base.subject_zh : base.subject_en;
}

std::string_view balance_side(int64_t balance_fen, Language lang) {
  if (balance_fen > 0) return lang == Language::zh ? "借" : "Dr";
  if (balance_fen < 0) return lang == Language::zh ? "贷" : "Cr";
  return lang == Language::zh ? "平" : "-";
}

std::string_view account_base(std::string_view account) {
  const std::string_view base = account.substr(0, account.find(':'));
  SUBSIDY_ASSERT(base.size() <= account.size());
  return base;
}

std::string_view account_qualifier(std::string_view account) {
  const size_t colon = account.find(':');
  SUBSIDY_ASSERT(colon == std::string_view::npos || colon < account.size());
  return colon == std::string_view::npos ? std::string_view() : account.substr(colon + 1);
}

std::string account_problem(std::string_view account) {
  if (account.empty()) return "account name is empty";
  if (account.size() > kMaxAccountBytes) return "account name is longer than 100 bytes";
  const std::string_view base = account_base(account);
  SUBSIDY_ASSERT(!account.empty() && account.size() <= kMaxAccountBytes);
  const bool has_colon = account.find(':') != std::string_view::npos;
  for (const Base& known : kBases) {
    if (known.name != base) continue;
    if (!known.qualified) {
      return has_colon ? "account " + std::string(base) + " takes no qualifier" : std::string();
    }
    const std::string_view qualifier = account_qualifier(account);
    if (qualifier.empty()) {
      return "account " + std::string(base) + " needs a qualifier (" + std::string(base) + ":<id>)";
    }
    for (char c : qualifier) {
      if (!is_qualifier_char(c)) {
        return "account qualifier may only hold A-Z a-z 0-9 _ . - : '" + std::string(account) + "'";
      }
    }
    return {};
  }
  return "unknown account '" + std::string(account) + "' (not in the chart of accounts)";
}

std::string kind_problem(std::string_view kind) {
  if (kind.empty() || kind.size() > kMaxKindBytes) return "entry kind must be 1 to 40 bytes";
  for (char c : kind) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) {
      return "entry kind may only hold a-z and _: '" + std::string(kind) + "'";
    }
  }
  return {};
}

}  // namespace subsidy::chart

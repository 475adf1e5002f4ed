// The chart of accounts and the entry kinds of the ledger (docs/chart-of-accounts.md gives each
// account's meaning under the policy). An account is a base name, optionally qualified by the
// enterprise, region or year it is kept for: `award_payable:91321323L30P8774PE`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/base/language.h"

namespace subsidy::chart {

// Accounts without a qualifier.
inline constexpr std::string_view kCountyExpense = "county_expense";  // county share of awards
inline constexpr std::string_view kCountyAppropriation = "county_appropriation";  // county funds
inline constexpr std::string_view kTreasury = "treasury";              // the county's bank money
inline constexpr std::string_view kBankInTransit = "bank_in_transit";  // sent, not yet confirmed
inline constexpr std::string_view kFundBalance = "fund_balance";  // 结转结余: closings end here

// Bases that need a qualifier.
inline constexpr std::string_view kRegionDue = "region_due";                    // :<region_code>
inline constexpr std::string_view kAwardPayable = "award_payable";              // :<uscc>
inline constexpr std::string_view kClawbackReceivable = "clawback_receivable";  // :<uscc>
inline constexpr std::string_view kYearClose = "year_close";  // :<year>, memorandum only

// Qualified account names. The qualifier must be non-empty [A-Za-z0-9_.-] (checked on posting).
std::string region_due(std::string_view region_code);
std::string award_payable(std::string_view uscc);
std::string clawback_receivable(std::string_view uscc);
std::string year_close(int64_t year);

// The base of an account name: the part before the first ':' (the whole name if there is none).
std::string_view account_base(std::string_view account);
// The qualifier: the part after the first ':' (empty if there is none).
std::string_view account_qualifier(std::string_view account);

// What an account is in the statements (docs/chart-of-accounts.md): assets and liabilities and the
// fund balance carry forward from year to year; revenue and expense accounts (nominal accounts)
// are closed into the fund balance by the year's closing entry, so they open every year at zero;
// memorandum accounts (the old closings' year_close:<year>) always net to zero.
enum class AccountClass { asset, liability, net_assets, revenue, expense, memorandum };
// The class of an account of the chart (by its base). The account must be one (asserted).
AccountClass account_class(std::string_view account);
// True for the accounts a closing entry closes: revenue and expense.
bool is_nominal(std::string_view account);
// The subject (会计科目) an accountant reads beside the account code: the Chinese name under
// 财政总会计制度 as docs/chart-of-accounts.md reads it (a reading, not a rule), or an English
// name. Names the base; the qualifier is shown beside it by the views.
std::string_view subject_name(std::string_view account, Language lang);
// 借 / 贷 / 平 (debit / credit / zero) of a signed balance (debit > 0).
std::string_view balance_side(int64_t balance_fen, Language lang);

// Why `account` is not an account of the chart (unknown base, a qualifier missing, present where
// none belongs or malformed, longer than 100 bytes); empty when it is one.
std::string account_problem(std::string_view account);

// Entry kinds the ledger itself posts or that the policy's flows use. A kind is free text of
// [a-z_] (1 to 40 bytes), so a new flow can add its own; these are the ones documented.
inline constexpr std::string_view kAward = "award";                       // first booking
inline constexpr std::string_view kAwardAdjustment = "award_adjustment";  // later difference
inline constexpr std::string_view kRegionPayment = "region_payment";      // region pays its share
inline constexpr std::string_view kCountyFunding = "county_funding";      // county funds programme
inline constexpr std::string_view kPaymentSent = "payment_sent";
inline constexpr std::string_view kPaymentConfirmed = "payment_confirmed";
inline constexpr std::string_view kPaymentRejected = "payment_rejected";  // reverses a sent entry
inline constexpr std::string_view kClawbackReceived = "clawback_received";
inline constexpr std::string_view kYearCloseKind = "year_close";

// Why `kind` is not a well-formed kind; empty when it is one.
std::string kind_problem(std::string_view kind);

}  // namespace subsidy::chart

// The enterprises of the generated county: valid unified social credit codes, company names from
// word lists, regions, bank accounts, typical local retained tax, and the roles and yearly events
// that make the policy's limits bite (low retention, big loans, service firms, compliance events,
// missing retention figures).
#include <algorithm>
#include <stdexcept>
#include <unordered_set>

#include "ledger/demo/demo_county_internal.h"
#include "ledger/masterdata/identifiers.h"

namespace subsidy::county {

namespace {

// GB 11714 organisation code check digit: weights 3,7,9,10,5,8,4,2 over the eight body characters
// (digits count 0-9, letters A=10 ... Z=35); 11 - sum mod 11, written 'X' for 10 and '0' for 11.
char organisation_code_check(std::string_view body) {
  constexpr std::array<int, 8> kWeights = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) {
    const char c = body[i];
    const int value = (c >= '0' && c <= '9') ? c - '0' : c - 'A' + 10;
    sum += value * kWeights[i];
  }
  const int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

char random_char(SeededRandom& random, std::string_view alphabet) {
  return alphabet[random.index(alphabet.size())];
}

std::string make_company_name(SeededRandom& random, const Industry& industry) {
  static constexpr std::array<int64_t, 3> kPrefixWeights = {800, 150, 50};
  static constexpr std::array<std::string_view, 3> kPrefixes = {"泗阳", "江苏", "宿迁"};
  std::string name(kPrefixes[random.weighted(kPrefixWeights)]);
  name += trade_name_first()[random.index(trade_name_first().size())];
  name += trade_name_second()[random.index(trade_name_second().size())];
  name += industry.word;
  name += random.chance_per_mille(150) ? "股份有限公司" : "有限公司";
  return name;
}

const Industry& pick_industry(SeededRandom& random, bool service) {
  const auto& list = industries();
  for (;;) {  // ends: both kinds occur in the list, so each draw succeeds with probability > 0
    const Industry& industry = list[random.index(list.size())];
    if (industry.service == service) return industry;
  }
}

std::string make_account_no(SeededRandom& random, const BankBranch& branch) {
  std::string account(branch.account_prefix);
  while (account.size() < branch.account_digits) account += random_char(random, "0123456789");
  return account;
}

int64_t tax_base_yuan(SeededRandom& random, Role role) {
  switch (role) {
    case Role::low_retention:
      return random.uniform(20'000, 120'000);
    case Role::big_borrower:
      return random.uniform(15'000'000, 40'000'000);
    case Role::service_institution:
      return random.uniform(300'000, 3'000'000);
    case Role::ordinary:
      break;
  }
  static constexpr std::array<int64_t, 3> kClassWeights = {500, 350, 150};
  switch (random.weighted(kClassWeights)) {
    case 0:
      return random.uniform(200'000, 1'500'000);
    case 1:
      return random.uniform(1'500'000, 6'000'000);
    default:
      return random.uniform(6'000'000, 30'000'000);
  }
}

size_t pick_region(SeededRandom& random) {
  // The two parks hold most manufacturing; the streets and towns share the rest.
  static constexpr std::array<int64_t, 16> kWeights = {330, 200, 60, 50, 40, 30, 30, 30,
                                                       30,  30,  30, 30, 30, 30, 30, 20};
  static_assert(kWeights.size() == 16);
  return random.weighted(kWeights);
}

// Roles for a random choice of enterprises: the first indexes of a partial shuffle.
std::vector<Role> assign_roles(SeededRandom& random, int64_t count, Roster& roster,
                               std::vector<char>& without_bank) {
  const auto share = [count](int64_t per_mille, int64_t at_least) {
    return static_cast<size_t>(std::max(at_least, count * per_mille / 1000));
  };
  const std::array<std::pair<Role, size_t>, 3> slices = {
      std::pair{Role::low_retention, share(25, 2)}, std::pair{Role::big_borrower, share(5, 1)},
      std::pair{Role::service_institution, share(20, 2)}};
  const size_t no_bank = share(30, 2);
  std::vector<size_t> order(static_cast<size_t>(count));
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<Role> roles(order.size(), Role::ordinary);
  size_t next = 0;
  const auto take = [&]() {
    const size_t j = next + random.index(order.size() - next);
    std::swap(order[next], order[j]);
    return order[next++];
  };
  for (const auto& [role, size] : slices) {
    for (size_t k = 0; k < size; ++k) {
      const size_t chosen = take();
      roles[chosen] = role;
      if (role == Role::low_retention) roster.low_retention.push_back(chosen);
      if (role == Role::big_borrower) roster.big_borrowers.push_back(chosen);
      if (role == Role::service_institution) roster.service_institutions.push_back(chosen);
    }
  }
  for (size_t k = 0; k < no_bank; ++k) without_bank[take()] = 1;
  return roles;
}

void make_year_events(SeededRandom& random, Roster& roster, size_t year_index) {
  static constexpr std::array<std::string_view, 6> kIneligible = {
      "major_safety_accident", "major_env_pollution", "court_enforcement",
      "serious_dishonesty",    "resource_rating_c",   "resource_rating_d"};
  static constexpr std::array<int64_t, 6> kIneligibleWeights = {10, 15, 25, 15, 25, 10};
  static constexpr std::array<std::string_view, 4> kFactors = {"0.80", "0.50", "0.90", "0.60"};
  const size_t count = roster.enterprises.size();
  const auto share = [count](size_t per_mille) {
    return std::max<size_t>(1, count * per_mille / 1000);
  };
  std::vector<char> taken(count, 0);
  const auto fresh = [&]() {
    for (;;) {  // ends: at most 3 of 20 (kMinEnterprises) or 3.5% are taken
      const size_t chosen = random.index(count);
      if (!taken[chosen]) return taken[chosen] = 1, chosen;
    }
  };
  auto& events = roster.events[year_index];
  for (size_t k = 0; k < share(8); ++k) {
    events.push_back({fresh(), kIneligible[random.weighted(kIneligibleWeights)], ""});
  }
  for (size_t k = 0; k < share(12); ++k) {
    const bool recorded = random.chance_per_mille(350);
    events.push_back({fresh(), "general_safety_accident",
                      recorded ? kFactors[random.index(kFactors.size())] : std::string_view()});
  }
  auto& missing = roster.missing_tax[year_index];
  for (size_t k = 0; k < share(15); ++k) missing.push_back(fresh());
  std::sort(missing.begin(), missing.end());
}

}  // namespace

std::string make_uscc(SeededRandom& random) {
  constexpr std::string_view kDigits = "0123456789";
  std::string code = "91";
  code += random.chance_per_mille(50) ? "321300" : "321323";  // registered by Suqian or Siyang
  std::string organisation;
  if (random.chance_per_mille(650)) {
    // Codes issued since 2015 start "MA"; the rest of the body is in the USCC alphabet.
    organisation = "MA";
    organisation += random_char(random, "12");
    while (organisation.size() < 8) organisation += random_char(random, kUsccAlphabet);
  } else {
    organisation += random_char(random, "01234567");  // an older, all-digit organisation code
    while (organisation.size() < 8) organisation += random_char(random, kDigits);
  }
  organisation += organisation_code_check(organisation);
  code += organisation;
  code += *uscc_check_character(code);
  // Every code is checked by the same function `import` uses: a failure is a bug here.
  if (const auto problem = check_uscc(code)) {
    throw std::logic_error("generated USCC " + code + " is invalid: " + *problem);
  }
  return code;
}

Roster make_roster(SeededRandom& random, int64_t enterprise_count) {
  Roster roster;
  std::vector<char> without_bank(static_cast<size_t>(enterprise_count), 0);
  const std::vector<Role> roles = assign_roles(random, enterprise_count, roster, without_bank);
  std::unordered_set<std::string> usccs;
  std::unordered_set<std::string> names;
  std::vector<int64_t> bank_weights;
  for (const BankBranch& branch : bank_branches()) bank_weights.push_back(branch.weight);
  roster.enterprises.reserve(roles.size());
  for (size_t i = 0; i < roles.size(); ++i) {
    Enterprise enterprise;
    enterprise.role = roles[i];
    do {
      enterprise.uscc = make_uscc(random);
    } while (!usccs.insert(enterprise.uscc).second);  // ends: 31^7 × 10^7 codes, few taken
    const Industry& industry = pick_industry(random, roles[i] == Role::service_institution);
    // A few tries for a name not yet used; a large county may share a name, as real ones do.
    for (int attempt = 0; attempt < 16; ++attempt) {
      enterprise.name = make_company_name(random, industry);
      if (names.insert(enterprise.name).second) break;
    }
    enterprise.region = pick_region(random);
    if (!without_bank[i]) {
      const size_t bank = random.weighted(bank_weights);
      enterprise.bank = static_cast<int>(bank);
      enterprise.account_no = make_account_no(random, bank_branches()[bank]);
    }
    enterprise.tax_base_yuan = tax_base_yuan(random, roles[i]);
    roster.enterprises.push_back(std::move(enterprise));
  }
  for (size_t year = 0; year < kYearCount; ++year) make_year_events(random, roster, year);
  return roster;
}

}  // namespace subsidy::county

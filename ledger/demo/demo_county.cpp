// Generating the county's CSV files (demo_county.h): checks the options, makes the roster, and
// writes the six input files of INTERFACE.md, each renamed into place only when complete.
#include "ledger/demo/demo_county.h"

#include <filesystem>

#include "ledger/base/atomic_file.h"
#include "ledger/base/error.h"
#include "ledger/demo/demo_county_internal.h"

namespace subsidy {

namespace {

using county::CsvFileWriter;
using county::kYearCount;
using county::Roster;

void check_options(const CountyOptions& options) {
  if (options.enterprise_count < kMinEnterprises ||
      options.enterprise_count > kMaxCountyEnterprises) {
    throw RefusedError("a county needs between " + std::to_string(kMinEnterprises) + " and " +
                       std::to_string(kMaxCountyEnterprises) + " enterprises, not " +
                       std::to_string(options.enterprise_count));
  }
  if (options.application_count < kMinApplications ||
      options.application_count > kMaxCountyApplications) {
    throw RefusedError("a county needs between " + std::to_string(kMinApplications) + " and " +
                       std::to_string(kMaxCountyApplications) + " applications, not " +
                       std::to_string(options.application_count));
  }
}

void write_regions(CsvFileWriter& out) {
  out.field("region_code").field("name").field("kind").end_row();
  for (const CountyRegion& region : siyang_regions()) {
    out.field(region.code).field(region.name).field(region.kind).end_row();
  }
}

void write_enterprises(const Roster& roster, CsvFileWriter& out, CountySummary& summary) {
  out.field("uscc").field("name").field("region_code").field("bank_name").field("cnaps_code");
  out.field("account_no").field("account_name").end_row();
  for (const county::Enterprise& enterprise : roster.enterprises) {
    out.field(enterprise.uscc).field(enterprise.name);
    out.field(siyang_regions()[enterprise.region].code);
    if (enterprise.bank < 0) {
      out.empty().empty().empty().empty();
      ++summary.enterprises_without_bank;
    } else {
      const county::BankBranch& branch =
          county::bank_branches()[static_cast<size_t>(enterprise.bank)];
      out.field(branch.name).field(branch.cnaps_code).field(enterprise.account_no);
      out.field(enterprise.name);
    }
    out.end_row();
  }
  summary.enterprises = static_cast<int64_t>(roster.enterprises.size());
}

// Retention figures of every enterprise-year but the ones deliberately missing; the figure moves
// from year to year within -10% and +25% of the enterprise's typical year. A few are written with
// thousands separators, as spreadsheets export them.
void write_tax(SeededRandom& random, const Roster& roster, CsvFileWriter& out,
               CountySummary& summary) {
  out.field("uscc").field("year").field("local_retained_tax").end_row();
  std::array<size_t, kYearCount> next_missing{};
  for (size_t e = 0; e < roster.enterprises.size(); ++e) {
    const county::Enterprise& enterprise = roster.enterprises[e];
    for (size_t y = 0; y < kYearCount; ++y) {
      const auto& missing = roster.missing_tax[y];
      if (next_missing[y] < missing.size() && missing[next_missing[y]] == e) {
        while (next_missing[y] < missing.size() && missing[next_missing[y]] == e) ++next_missing[y];
        ++summary.missing_tax_rows;
        continue;
      }
      const int64_t fen =
          enterprise.tax_base_yuan * random.uniform(900, 1250) / 10 + random.uniform(0, 99);
      out.field(enterprise.uscc).integer(kFirstCountyYear + static_cast<int>(y));
      if (random.chance_per_mille(30)) {
        out.grouped_amount(fen);
      } else {
        out.amount(fen);
      }
      out.end_row();
      ++summary.tax_rows;
    }
  }
}

void write_compliance(const Roster& roster, CsvFileWriter& out, CountySummary& summary) {
  out.field("uscc").field("year").field("event").field("factor").end_row();
  for (size_t y = 0; y < kYearCount; ++y) {
    for (const county::ComplianceEvent& event : roster.events[y]) {
      out.field(roster.enterprises[event.enterprise].uscc);
      out.integer(kFirstCountyYear + static_cast<int>(y)).field(event.event).field(event.factor);
      out.end_row();
      ++summary.compliance_rows;
    }
  }
}

}  // namespace

CountyOptions CountyOptions::siyang(uint64_t seed) {
  return CountyOptions{seed, 400, 1500};
}

CountyOptions CountyOptions::scaled(int64_t applications, uint64_t seed) {
  return CountyOptions{seed, applications / 10, applications};
}

CountySummary generate_county(const std::string& directory, const CountyOptions& options) {
  check_options(options);
  create_private_directories(directory);  // the inputs hold bank accounts and tax figures
  CountySummary summary;
  summary.directory = directory;
  const auto path = [&](const char* kind) {
    return summary.files[kind] =
               (std::filesystem::path(directory) / (std::string(kind) + ".csv")).string();
  };
  CsvFileWriter regions(path("regions"));
  CsvFileWriter enterprises(path("enterprises"));
  CsvFileWriter tax(path("tax"));
  CsvFileWriter compliance(path("compliance"));
  CsvFileWriter projects(path("projects"));
  CsvFileWriter applications(path("applications"));

  SeededRandom random(options.seed);
  Roster roster = county::make_roster(random, options.enterprise_count);
  write_regions(regions);
  summary.regions = static_cast<int64_t>(siyang_regions().size());
  write_enterprises(roster, enterprises, summary);
  write_tax(random, roster, tax, summary);
  write_compliance(roster, compliance, summary);
  county::write_applications(random, roster, options.application_count, projects, applications,
                             summary);
  // Renamed only now: an exception above leaves no file of the final names half-written.
  for (CsvFileWriter* writer :
       {&regions, &enterprises, &tax, &compliance, &projects, &applications}) {
    writer->finish();
  }
  return summary;
}

}  // namespace subsidy

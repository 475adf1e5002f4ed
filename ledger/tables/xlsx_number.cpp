// The one place where an exact amount becomes a binary floating-point number: the XLSX boundary.
//
// Why this is exact enough, and only here: for |fen| < 2^53 (and kMaxXlsxExactFen = 10^15 − 1 is),
// converting fen to double is exact, and IEEE-754 division is correctly rounded, so fen / 100.0 is
// the double nearest to the decimal amount. A decimal of at most 15 significant digits survives the
// trip decimal → nearest double → decimal rounded to 15 digits (DBL_DIG = 15), which is what Excel
// shows and what any reader rounding to the cent does. libxlsxwriter prints the double with
// "%.16G"; xlsx_number_test checks that this text reads back to the same fen for values up to 15
// digits, and the CLI test reads the cells back with openpyxl. Nothing computes with the double.
#include "ledger/base/error.h"
#include "ledger/tables/xlsx.h"

namespace subsidy::reports {

double xlsx_number_from_fen(int64_t fen) {
  if (fen > kMaxXlsxExactFen || fen < -kMaxXlsxExactFen) {
    throw RefusedError("amount " + format_plain(Money::from_fen(fen)) +
                       " has more than 15 significant digits and cannot be written exactly to "
                       "XLSX; use --format csv or json");
  }
  return static_cast<double>(fen) / 100.0;
}

double xlsx_number_from_count(int64_t count) {
  if (count > kMaxXlsxExactFen || count < -kMaxXlsxExactFen) {
    throw RefusedError("count " + std::to_string(count) +
                       " has more than 15 digits and cannot be written exactly to XLSX");
  }
  return static_cast<double>(count);
}

double xlsx_number_from_permille(int64_t permille) {
  if (permille > kMaxXlsxExactFen || permille < -kMaxXlsxExactFen) {
    throw RefusedError("percentage " + std::to_string(permille) +
                       "‰ has more than 15 digits and cannot be written exactly to XLSX");
  }
  return static_cast<double>(permille) / 1000.0;  // correctly rounded, like fen / 100.0
}

}  // namespace subsidy::reports

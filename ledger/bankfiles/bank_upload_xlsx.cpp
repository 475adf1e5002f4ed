// The online-banking batch workbook: bank_upload_rows laid out with libxlsxwriter, all text.
#include "ledger/bankfiles/bank_upload_xlsx.h"

#include <xlsxwriter.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "ledger/base/error.h"

namespace subsidy {

namespace {

// A directory only this user can enter, removed with its content whatever the path out.
class BankXlsxDir {
 public:
  BankXlsxDir() {
    path_ = (std::filesystem::temp_directory_path() / "subsidy-bank-xlsx-XXXXXX").string();
    if (::mkdtemp(path_.data()) == nullptr) {
      throw RefusedError(std::string("bank XLSX: temporary directory: ") + std::strerror(errno));
    }
  }
  BankXlsxDir(const BankXlsxDir&) = delete;
  BankXlsxDir& operator=(const BankXlsxDir&) = delete;
  ~BankXlsxDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void bank_xlsx_check(lxw_error error) {
  if (error != LXW_NO_ERROR) {
    throw RefusedError(std::string("bank XLSX: ") + lxw_strerror(error));
  }
}

struct BankXlsxCloser {
  void operator()(lxw_workbook* book) const { workbook_close(book); }
};

// 2000-01-01T00:00:00Z: the fixed creation time that keeps the bytes the same on every export.
constexpr time_t kBankXlsxCreated = 946684800;

}  // namespace

std::string write_bank_upload_xlsx(const PaymentBatch& batch, const BankUploadTemplate& bank) {
  BankUploadTemplate plain = bank;
  plain.excel_text = false;  // cells are text already
  const std::vector<std::vector<std::string>> rows = bank_upload_rows(batch, plain);
  if (rows.size() > 1'000'000) throw RefusedError("bank XLSX: too many rows for a sheet");
  const BankXlsxDir dir;
  const std::string path = dir.path() + "/upload.xlsx";
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  std::string tmpdir = dir.path();
  options.tmpdir = tmpdir.data();
  std::unique_ptr<lxw_workbook, BankXlsxCloser> book(workbook_new_opt(path.c_str(), &options));
  if (!book) throw RefusedError("bank XLSX: cannot create the workbook");
  lxw_format* text = workbook_add_format(book.get());
  format_set_num_format(text, "@");  // Excel's "Text": digits stay digits
  lxw_worksheet* sheet = workbook_add_worksheet(book.get(), "批量转账");
  if (sheet == nullptr) throw RefusedError("bank XLSX: cannot add the sheet");
  const size_t columns = bank.columns.size();
  bank_xlsx_check(worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(columns - 1), 24, text));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      bank_xlsx_check(worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                   rows[r][c].c_str(), text));
    }
  }
  lxw_doc_properties properties{};
  properties.created = kBankXlsxCreated;
  bank_xlsx_check(workbook_set_properties(book.get(), &properties));
  bank_xlsx_check(workbook_close(book.release()));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RefusedError("bank XLSX: cannot read the workbook back");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace subsidy

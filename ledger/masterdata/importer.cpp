// The import engine (importer.h): maps the header onto the kind's columns, runs every record
// through the kind's validator, tells new, changed and unchanged keys apart by a hash of their
// content, and writes the versions and the imports row in one transaction that is rolled back on
// any problem.
#include "ledger/masterdata/importer.h"

#include <iterator>
#include <unordered_map>

#include "ledger/base/sha256.h"
#include "ledger/masterdata/import_rows.h"

namespace subsidy {

using import_detail::DbValue;
using import_detail::KindSpec;

namespace {

constexpr int64_t kProgressEvery = 10'000;
// The number of import kinds, from the last one (the enum has no count of its own).
constexpr size_t kImportKindCount = static_cast<size_t>(ImportKind::applications) + 1;
constexpr std::string_view kKindNames[] = {"regions",    "enterprises", "tax",
                                           "compliance", "projects",    "applications"};
static_assert(std::size(kKindNames) == kImportKindCount, "one name per ImportKind");

// The index of the kind's column named `name` (its English or its Chinese heading); size() if none.
size_t column_index(const KindSpec& spec, std::string_view name) {
  size_t i = 0;
  while (i < spec.csv_columns.size() && spec.csv_columns[i].name != name &&
         spec.csv_columns[i].name_zh != name) {
    ++i;
  }
  return i;
}

// The header without its trailing unnamed columns (Excel's empty last column).
size_t named_width(const std::vector<std::string>& header) {
  size_t width = header.size();
  while (width > 0 && header[width - 1].empty()) --width;
  return width;
}

// Another kind whose columns the header names, all of them and all its required ones.
std::optional<ImportKind> kind_of_header(const std::vector<std::string>& header,
                                         ImportKind not_this) {
  for (size_t k = 0; k < kImportKindCount; ++k) {
    const KindSpec& other = import_detail::spec_of(static_cast<ImportKind>(k));
    if (other.kind == not_this) continue;
    bool fits = true;
    for (size_t field = 0; field < named_width(header) && fits; ++field) {
      fits = column_index(other, header[field]) < other.csv_columns.size();
    }
    for (const auto& column : other.csv_columns) {
      if (!fits || !column.required) continue;
      bool given = false;
      for (const std::string& name : header) given |= name == column.name || name == column.name_zh;
      fits = given;
    }
    if (fits) return other.kind;
  }
  return std::nullopt;
}

// For each of the kind's CSV columns, the index of the record field holding it (-1: absent).
// Refuses unknown, unnamed and repeated columns and missing required ones, all at once; a header
// that is another kind's names that kind instead.
std::vector<int> map_header(const std::vector<std::string>& header, const KindSpec& spec,
                            const ImportOptions& options) {
  const std::string& file_name = options.file_name;
  std::vector<int> field_of(spec.csv_columns.size(), -1);
  std::vector<InputProblem> problems;
  std::string expected;
  for (const auto& column : spec.csv_columns) {
    expected += (expected.empty() ? "" : ", ") +
                (column.required ? std::string(column.name) : "[" + std::string(column.name) + "]");
  }
  if (const auto other = kind_of_header(header, spec.kind)) {
    const std::string name(import_kind_name(*other));
    throw InputError(
        {{file_name, 1, "1",
          import_detail::say(
              options.language, "这看起来是 " + name + " 文件：请用 subsidy import " + name,
              "this looks like " + std::string(name[0] == 'a' || name[0] == 'e' ? "an " : "a ") +
                  name + " file: subsidy import " + name)}});
  }
  for (size_t field = 0; field < named_width(header); ++field) {
    const std::string& name = header[field];
    if (name.empty()) {
      problems.push_back({file_name, 1, std::to_string(field + 1), "a column has no name"});
      continue;
    }
    const size_t i = column_index(spec, name);
    if (i == spec.csv_columns.size()) {
      problems.push_back({file_name, 1, name,
                          "unknown column; the columns of " +
                              std::string(import_kind_name(spec.kind)) + " are " + expected});
    } else if (field_of[i] >= 0) {
      problems.push_back({file_name, 1, name, "the column appears twice in the header"});
    } else {
      field_of[i] = static_cast<int>(field);
    }
  }
  for (size_t i = 0; i < spec.csv_columns.size(); ++i) {
    if (spec.csv_columns[i].required && field_of[i] < 0) {
      problems.push_back(
          {file_name, 1, std::string(spec.csv_columns[i].name), "the required column is missing"});
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return field_of;
}

// A non-empty cell under an unnamed trailing column is a problem: only empty ones are ignored.
void check_unnamed_cells(const CsvRecord& record, size_t width, const ImportOptions& options,
                         std::vector<InputProblem>& problems) {
  for (size_t field = width; field < record.fields.size(); ++field) {
    if (record.fields[field].empty()) continue;
    problems.push_back({options.file_name, record.line, std::to_string(field + 1),
                        import_detail::say(options.language,
                                           "该列没有列名却有内容：请在第 1 行写上列名，或删去该列",
                                           "a cell under a column with no name: name the column "
                                           "in line 1 or delete it")});
    return;
  }
}

// The content of a version (everything but the key), serialised without ambiguity for hashing:
// each value as N, i<digits> or t<length>:<bytes>.
std::string canonical_content(const std::vector<DbValue>& values, size_t key_count) {
  std::string out;
  for (size_t i = key_count; i < values.size(); ++i) {
    const DbValue& value = values[i];
    if (!value) {
      out += "N;";
    } else if (const auto* number = std::get_if<int64_t>(&*value)) {
      out += "i" + std::to_string(*number) + ";";
    } else {
      const std::string& text = std::get<std::string>(*value);
      out += "t" + std::to_string(text.size()) + ":" + text + ";";
    }
  }
  return out;
}

std::string key_text(const std::vector<DbValue>& values, size_t key_count, char separator) {
  std::string key;
  for (size_t i = 0; i < key_count; ++i) {
    if (i > 0) key.push_back(separator);
    const DbValue& value = values[i];
    key += std::holds_alternative<int64_t>(*value) ? std::to_string(std::get<int64_t>(*value))
                                                   : std::get<std::string>(*value);
  }
  return key;
}

void bind_value(Statement& statement, int index, const DbValue& value) {
  if (!value) {
    statement.bind_null(index);
  } else if (const auto* number = std::get_if<int64_t>(&*value)) {
    statement.bind(index, *number);
  } else {
    statement.bind(index, std::get<std::string>(*value));
  }
}

// The prepared statements that read the current version of a key and append a new one.
class VersionWriter {
 public:
  VersionWriter(Db& db, const KindSpec& spec, int64_t import_id)
      : spec_(spec),
        import_id_(import_id),
        current_(db.prepare(current_sql(spec))),
        insert_(db.prepare(insert_sql(spec))) {}

  // The current version number and content hash of the key, or {0, ""} when it is new.
  std::pair<int64_t, std::string> current(const std::vector<DbValue>& values) {
    for (size_t i = 0; i < spec_.key_count; ++i) {
      bind_value(current_, static_cast<int>(i + 1), values[i]);
    }
    std::pair<int64_t, std::string> found{0, ""};
    if (current_.step()) found = {current_.int64(0), current_.text(1)};
    current_.reset();
    return found;
  }

  void append(const std::vector<DbValue>& values, int64_t version, const std::string& hash,
              int64_t line) {
    int index = 1;
    for (const DbValue& value : values) bind_value(insert_, index++, value);
    insert_.bind(index, version);
    insert_.bind(index + 1, hash);
    insert_.bind(index + 2, import_id_);
    insert_.bind(index + 3, line);
    insert_.run();
  }

 private:
  static std::string current_sql(const KindSpec& spec) {
    std::string sql = "SELECT version, content_sha256 FROM " + std::string(spec.table) + " WHERE ";
    for (size_t i = 0; i < spec.key_count; ++i) {
      sql +=
          (i > 0 ? " AND " : "") + std::string(spec.db_columns[i]) + " = ?" + std::to_string(i + 1);
    }
    return sql + " ORDER BY version DESC LIMIT 1";
  }
  static std::string insert_sql(const KindSpec& spec) {
    std::string columns, marks;
    for (std::string_view column : spec.db_columns) {
      columns += std::string(column) + ", ";
      marks += "?, ";
    }
    return "INSERT INTO " + std::string(spec.table) + " (" + columns +
           "version, content_sha256, import_id, source_line) VALUES (" + marks + "?, ?, ?, ?)";
  }

  const KindSpec& spec_;
  int64_t import_id_;
  Statement current_;
  Statement insert_;
};

int64_t next_import_id(Db& db) {
  Statement statement = db.prepare("SELECT COALESCE(MAX(import_id), 0) + 1 FROM imports");
  statement.step();
  return statement.int64(0);
}

void record_import(Db& db, ImportKind kind, const ImportOptions& options,
                   const ImportResult& result) {
  db.prepare(
        "INSERT INTO imports (import_id, kind, file_name, file_sha256, encoding, actor, "
        "imported_at, rows_read, new_count, changed_count, unchanged_count) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, result.import_id)
      .bind(2, import_kind_name(kind))
      .bind(3, options.file_name)
      .bind(4, result.file_sha256)
      .bind(5, result.format == SourceFormat::gbk ? "gbk" : "utf-8")
      .bind(6, options.actor)
      .bind(7, options.recorded_at)
      .bind(8, result.rows)
      .bind(9, result.new_count)
      .bind(10, result.changed_count)
      .bind(11, result.unchanged_count)
      .run();
}

// Appends a version when the key is new or its content differs from the current version.
void store_row(VersionWriter& writer, const KindSpec& spec, const std::vector<DbValue>& values,
               int64_t line, ImportResult& result) {
  const std::string hash = sha256_hex(canonical_content(values, spec.key_count));
  const auto [version, current_hash] = writer.current(values);
  if (version > 0 && current_hash == hash) {
    ++result.unchanged_count;
    return;
  }
  writer.append(values, version + 1, hash, line);
  if (version == 0) {
    ++result.new_count;
  } else {
    ++result.changed_count;
    result.changed.push_back({key_text(values, spec.key_count, '/'), version + 1});
  }
}

}  // namespace

ImportResult import_file(Db& db, ImportKind kind, std::string_view bytes,
                         const ImportOptions& options) {
  const KindSpec& spec = import_detail::spec_of(kind);
  ImportResult result;
  result.file_sha256 = sha256_hex(bytes);
  const DecodedSource source = decode_source(
      bytes, options.detect_format ? std::nullopt : std::optional<Encoding>(options.encoding),
      options.file_name);
  result.format = source.format;
  bytes = source.csv;
  CsvReader reader(bytes, options.file_name, options.limits);
  const std::vector<int> field_of = map_header(reader.header(), spec, options);
  const size_t width = named_width(reader.header());
  const int64_t total_lines = count_lines(bytes);

  Transaction transaction(db);
  result.import_id = next_import_id(db);
  VersionWriter writer(db, spec, result.import_id);
  import_detail::References references(db);
  std::unordered_map<std::string, int64_t> line_of_key;   // to refuse a key given twice
  line_of_key.reserve(static_cast<size_t>(total_lines));  // one rehash-free table for the file
  std::vector<InputProblem> problems;
  CsvRecord record;
  // Bounded by the reader's line limit; stops early once the problem list is full.
  while (problems.size() < InputError::kMaxProblems && reader.next(record)) {
    ++result.rows;
    if (options.progress && result.rows % kProgressEvery == 0) {
      options.progress(reader.lines_read(), total_lines);
    }
    if (!record.problems.empty()) {
      problems.insert(problems.end(), record.problems.begin(), record.problems.end());
      continue;
    }
    check_unnamed_cells(record, width, options, problems);
    import_detail::RowChecker row(spec, field_of, record, options.file_name, references,
                                  options.schemes, problems, options.language);
    row.check_border();
    const std::vector<DbValue> values = spec.validate(row);
    if (!row.ok()) continue;
    const auto [first, inserted] =
        line_of_key.emplace(key_text(values, spec.key_count, '\x1f'), record.line);
    if (!inserted) {
      row.problem(spec.csv_columns[0].name, key_text(values, spec.key_count, '/') +
                                                " appears twice in this file (also on line " +
                                                std::to_string(first->second) + ")");
      continue;
    }
    // After the first problem nothing more is written: the transaction will be rolled back.
    if (problems.empty()) store_row(writer, spec, values, record.line, result);
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  record_import(db, kind, options, result);
  transaction.commit();
  if (options.progress) options.progress(total_lines, total_lines);
  return result;
}

std::string_view import_kind_name(ImportKind kind) {
  return kKindNames[static_cast<size_t>(kind)];
}

std::optional<ImportKind> import_kind_from_name(std::string_view name) {
  for (size_t i = 0; i < std::size(kKindNames); ++i) {
    if (kKindNames[i] == name) return static_cast<ImportKind>(i);
  }
  return std::nullopt;
}

}  // namespace subsidy

// 数据导入: a maker uploads a master-data file (CSV in any encoding the importer reads, or .xlsx)
// for one kind, sees it as a table with every refused cell marked with the importer's reason
// (ops::preview_import: the importer's own checks against the ledger, rolled back), and imports it
// all or nothing on confirm — the same operation (ops/import.h: import_file) as `subsidy import
// KIND FILE`, signed by the maker.
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "ledger/base/csv.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/import_source.h"
#include "ledger/masterdata/import_template.h"
#include "ledger/ops/import.h"
#include "tools/server/app.h"

namespace subsidy::server {

namespace {

constexpr size_t kMaxRowsShown = 1000;  // rows with a problem are shown beyond it too

struct KindLabel {
  const char* name;
  const char* zh;
};
constexpr KindLabel kKinds[] = {{"regions", "区域"},     {"enterprises", "企业"},
                                {"tax", "地方留成税收"}, {"compliance", "合规事项"},
                                {"projects", "项目"},    {"applications", "申报"}};

std::string kind_options(Language lang, const std::string& selected) {
  std::string html;
  for (const KindLabel& kind : kKinds) {
    html += "<option value=\"" + std::string(kind.name) + "\"" +
            (selected == kind.name ? " selected" : "") + ">" +
            (lang == Language::zh ? std::string(kind.zh) + " " : "") + kind.name + "</option>";
  }
  return html;
}

ImportOptions options_for(const PendingUpload& upload, Language lang) {
  ImportOptions options;
  options.file_name = upload.file_name;
  options.detect_format = true;
  options.language = lang;
  return options;
}

// The file as a table, each refused cell marked with its reason; problems of a whole line (or of
// a column the header does not have) are listed under the table.
std::string preview_table(Language lang, ImportKind kind, const std::string& bytes,
                          const std::string& file_name, const std::vector<InputProblem>& problems) {
  const DecodedSource source = decode_source(bytes, std::nullopt, file_name);
  CsvReader reader(source.csv, file_name);
  const std::vector<std::string>& header = reader.header();
  // The English column name of each header cell (the importer names columns in English).
  std::vector<std::string> names;
  for (const std::string& heading : header) {
    std::string name = heading;
    for (const TemplateColumn& column : import_columns(kind)) {
      if (heading == column.name || heading == column.name_zh) name = std::string(column.name);
    }
    names.push_back(name);
  }
  std::map<std::pair<int64_t, std::string>, std::string> refused;  // (line, column) → reason
  std::set<std::pair<int64_t, std::string>> placed;
  for (const InputProblem& problem : problems)
    refused[{problem.line, problem.column}] = problem.reason;
  std::string html = "<table><tr><th>" + tr(lang, "行", "Line") + "</th>";
  for (const std::string& heading : header) html += "<th>" + html_escape(heading) + "</th>";
  html += "</tr>";
  CsvRecord record;
  size_t shown = 0;
  while (reader.next(record)) {
    bool marked = false;
    for (size_t i = 0; i < record.fields.size() && !marked; ++i) {
      marked = refused.contains({record.line, i < names.size() ? names[i] : ""}) ||
               refused.contains({record.line, std::to_string(i + 1)});
    }
    if (++shown > kMaxRowsShown && !marked) continue;
    html += "<tr><td class=\"num\">" + std::to_string(record.line) + "</td>";
    for (size_t i = 0; i < std::max(record.fields.size(), header.size()); ++i) {
      const std::string value = i < record.fields.size() ? record.fields[i] : "";
      auto it = refused.find({record.line, i < names.size() ? names[i] : ""});
      if (it == refused.end()) it = refused.find({record.line, std::to_string(i + 1)});
      if (it == refused.end()) {
        html += "<td>" + html_escape(value) + "</td>";
      } else {
        placed.insert(it->first);
        html += "<td class=\"refused\">" + html_escape(value) + "<span class=\"why\">" +
                html_escape(it->second) + "</span></td>";
      }
    }
    html += "</tr>";
  }
  html += "</table>";
  if (shown > kMaxRowsShown) {
    html += "<p>" +
            tr(lang, "只显示前 1000 行和有问题的行",
               "The first 1000 rows and those with problems are shown") +
            "</p>";
  }
  std::string rest;
  for (const InputProblem& problem : problems) {
    if (!placed.contains({problem.line, problem.column}))
      rest += "<li>" + html_escape(problem.to_string()) + "</li>";
  }
  if (!rest.empty()) html += "<ul class=\"error\">" + rest + "</ul>";
  return html;
}

}  // namespace

void App::imports_page(RequestContext& context) {
  const Language lang = context.lang;
  std::string body =
      "<form method=\"post\" action=\"/import/preview\" enctype=\"multipart/form-data\" "
      "id=\"upload\">" +
      csrf_field(*context.session) + tr(lang, "数据种类 ", "Kind ") + "<select name=\"kind\">" +
      kind_options(lang, form_value(context, "kind")) + "</select> " +
      tr(lang, "文件（CSV 或 XLSX）", "File (CSV or XLSX)") +
      " <input type=\"file\" name=\"file\" accept=\".csv,.xlsx\" required> <button "
      "type=\"submit\">" +
      tr(lang, "上传并检查", "Upload and check") + "</button></form><p>" +
      tr(lang,
         "依次导入区域、企业、地方留成税收、合规事项、项目、申报。文件有任何错误时整份不导入；同一"
         "文件重复导入不会重复记录。",
         "Import regions, enterprises, tax, compliance, projects, applications in that order. A "
         "file "
         "with any problem is not imported at all; the same file again changes nothing.") +
      "</p>";
  context.res.set_content(page_html(context, tr(lang, "数据导入", "Import"), body),
                          "text/html; charset=utf-8");
}

void App::import_preview(RequestContext& context) {
  const Language lang = context.lang;
  const std::string kind_name = form_value(context, "kind");
  const std::optional<ImportKind> kind = import_kind_from_name(kind_name);
  const httplib::MultipartFormData* file = uploaded_file(context, "file");
  if (!kind) return message(context, 400, tr(lang, "没有这种数据", "No such kind"));
  if (file == nullptr) return message(context, 400, tr(lang, "请选择文件", "Choose a file"));
  PendingUpload upload{"", kind_name, std::filesystem::path(file->filename).filename().string(),
                       file->content, 0};
  if (upload.file_name.empty()) upload.file_name = kind_name + ".csv";
  ops::ImportPreview preview;
  std::string table;
  {
    std::lock_guard lock(ledger_mutex_);
    try {
      preview = ops::preview_import(db_, {*kind, upload.bytes, options_for(upload, lang)});
    } catch (const RefusedError& e) {
      return message(context, 400, e.what());
    }
  }
  try {
    table = preview_table(lang, *kind, upload.bytes, upload.file_name, preview.problems);
  } catch (const RefusedError&) {
    table.clear();  // a file the reader cannot lay out: its problems are listed below
    for (const InputProblem& problem : preview.problems)
      table += "<p class=\"error\">" + html_escape(problem.to_string()) + "</p>";
  }
  std::string body =
      "<p>" + html_escape(upload.file_name) + " · " + html_escape(kind_name) + "</p>";
  if (preview.problems.empty()) {
    const ImportResult& r = preview.result;
    body += "<p class=\"ok\">" + tr(lang, "检查通过：", "Checked: ") + std::to_string(r.rows) +
            tr(lang, " 行，新增 ", " rows, new ") + std::to_string(r.new_count) +
            tr(lang, "，变更 ", ", changed ") + std::to_string(r.changed_count) +
            tr(lang, "，未变 ", ", unchanged ") + std::to_string(r.unchanged_count) + "</p>";
    const std::string token = keep_upload(*context.session, "import", std::move(upload));
    body += "<form method=\"post\" action=\"/import\" id=\"confirm\">" +
            csrf_field(*context.session) + "<input type=\"hidden\" name=\"upload\" value=\"" +
            token + "\"><button type=\"submit\">" + tr(lang, "确认导入", "Import") +
            "</button></form>";
  } else {
    body += "<p class=\"error\">" + tr(lang, "文件有 ", "The file has ") +
            std::to_string(preview.problems.size()) +
            tr(lang, " 处问题（标红的单元格），整份不能导入；请改正后重新上传。",
               " problem(s) (cells in red): nothing can be imported; fix them and upload again.") +
            "</p>";
  }
  body += table;
  context.res.set_content(
      page_html(context, tr(lang, "导入预览（未导入）", "Import preview (nothing stored)"), body),
      "text/html; charset=utf-8");
}

void App::import_confirm(RequestContext& context) {
  const Language lang = context.lang;
  const std::optional<PendingUpload> upload =
      take_upload(*context.session, "import", form_value(context, "upload"));
  if (!upload) {
    return message(
        context, 409,
        tr(lang, "预览已过期，请重新上传文件", "The preview expired: upload the file again"));
  }
  const ImportKind kind = *import_kind_from_name(upload->kind);
  std::string line;
  {
    std::lock_guard lock(ledger_mutex_);
    try {
      ops::OpContext op = op_context(*context.session, "import " + upload->kind,
                                     "import " + upload->kind + " " + upload->file_name);
      const ImportResult r =
          ops::import_file(op, {kind, upload->bytes, options_for(*upload, lang)}).result;
      line = upload->file_name + tr(lang, "：新增 ", ": new ") + std::to_string(r.new_count) +
             tr(lang, "，变更 ", ", changed ") + std::to_string(r.changed_count) +
             tr(lang, "，未变 ", ", unchanged ") + std::to_string(r.unchanged_count);
    } catch (const InputError& e) {
      return message(context, 409, e.problems().front().to_string());
    } catch (const RefusedError& e) {
      return message(context, 409, e.what());
    }
  }
  message(context, 200, line);
}

}  // namespace subsidy::server

// The text encodings of the files the bureau exchanges: input CSVs (Excel on Chinese Windows saves
// GBK) and bank upload files. One enum, so the importer and the bank files name them alike.
#pragma once

namespace subsidy {

enum class Encoding { utf8, gbk };

}  // namespace subsidy

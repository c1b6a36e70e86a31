// results.json: the machine-readable form of a ResultsDocument (schema_version 1, documented in
// the README). Numbers stay numbers; an undefined statistic (NaN) is written as null.
#pragma once

#include <nlohmann/json.hpp>

#include "report/results_document.hpp"

namespace zbench {

// Keys come out in a stable (alphabetical) order, arrays in the document's order.
nlohmann::json to_results_json(const ResultsDocument& doc);

}  // namespace zbench

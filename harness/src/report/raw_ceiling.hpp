// Internal to the analysis: "% of raw", each variant's median throughput as a share of the raw
// variant's in the same cell, per cell and as a geometric mean per transport and size.
#pragma once

#include "report/results_document.hpp"

namespace zbench::detail {

// Fills doc.raw_shares and doc.raw_summary from doc.aggregates when doc.raw names a variant.
// Variants of the raw build itself (an A/A twin "raw#2") get no share.
void add_raw_shares(ResultsDocument& doc);

}  // namespace zbench::detail

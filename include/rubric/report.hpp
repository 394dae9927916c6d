// Stage 6, what people read: the table, JSON, facts templates, the official table (XLSX, HTML,
// Markdown, CSV), the batch report and the diff report.
#pragma once

#include "rubric/batch.hpp"
#include "rubric/tools.hpp"
#include "report/table.hpp"
#include "report/json.hpp"
#include "report/template.hpp"
#include "report/facts_xlsx.hpp"
#include "report/official_table.hpp"
#include "report/xlsx.hpp"
#include "report/html.hpp"
#include "report/markdown.hpp"
#include "report/csv.hpp"
#include "report/batch_report.hpp"
#include "report/diff_report.hpp"
#include "report/whatif_report.hpp"

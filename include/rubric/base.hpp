// Stage 0, under every other: exact decimals (Decimal), source files and locations,
// diagnostics and "did you mean", UTF-8 and display width, reading inputs, writing output files,
// JSON text and CSV cells.
#pragma once

#include "base/decimal.hpp"
#include "base/source.hpp"
#include "base/diagnostic.hpp"
#include "base/messages.hpp"
#include "base/unicode.hpp"
#include "base/output_file.hpp"
#include "base/json_text.hpp"
#include "base/csv_cell.hpp"
#include "base/csv_reader.hpp"

// Output forms of a parse shared by `vigilctl parse` and `vigilctl scrape`
// (the JSON shape is a CLI contract, see docs/cli.md). Any thread.
#pragma once

#include "core/expo/expo_types.h"

#include <cstdio>
#include <string>

namespace vigil::expo {

// JSON array of families in input order, as docs/cli.md specifies. Needs the
// complete result of parse() (not a parseStreaming() chunk).
void writeJson(const ParseResult &result, std::FILE *out);
std::string toJson(const ParseResult &result);

// One line: "N families, M series, B bytes in S s (X MB/s)".
std::string summaryLine(const ParseResult &result, double seconds);

} // namespace vigil::expo

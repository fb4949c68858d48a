// Zero-copy parser for the Prometheus text format 0.0.4 and OpenMetrics 1.0.
// Validates like the Prometheus server's scrape parser; on the first error it stops
// and reports line, column and the rule broken. Stateless apart from the output;
// any thread, one parse per ParseResult at a time.
#pragma once

#include "core/expo/expo_types.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

namespace vigil::expo {

// Parses `input` into `out` (cleared first). Returns std::nullopt on success.
// `format` Auto sniffs. Views in `out` point into `input` and into `out`'s arena.
std::optional<ParseError> parse(std::string_view input, Format format, ParseResult &out,
                                const ParseLimits &limits = {});

// Same rules and errors as parse(), in constant memory: whenever `out` holds
// `chunkSamples` samples (and once at the end of a valid input), `onChunk(out)` sees
// them; then samples, labels and exemplars are dropped and out.sampleBase advances.
// Families stay complete. For consumers that need each sample once (counting,
// `vigilctl parse` summaries). On error, samples of earlier chunks were already seen.
std::optional<ParseError> parseStreaming(std::string_view input, Format format, ParseResult &out,
                                         std::size_t chunkSamples,
                                         const std::function<void(const ParseResult &)> &onChunk,
                                         const ParseLimits &limits = {});

} // namespace vigil::expo

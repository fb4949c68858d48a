// Helpers of the cluster view for values that come from backends: exact uint64
// parsing (decimal and hexadecimal, never through double), etcd's member-id forms
// (decimal strings in its JSON API, 16 lowercase hex digits in metric labels), and
// untrusted text flattened to capped plain text. Pure functions; any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigil {

// "0".."18446744073709551615"; nullopt on anything else (sign, blanks, overflow).
std::optional<std::uint64_t> parseUint64Decimal(std::string_view text);
// 1..16 hex digits, either case, no prefix; nullopt otherwise.
std::optional<std::uint64_t> parseUint64Hex(std::string_view text);
// 16 lowercase hex digits, zero-padded: the form etcd uses in metric labels.
std::string memberIdHex(std::uint64_t id);
// A double that holds a non-negative integer below 2^64, as uint64 (metric values).
std::optional<std::uint64_t> uint64FromDouble(double v);

inline constexpr std::size_t kMaxClusterTextBytes = 512;

// One line of plain text: control characters become spaces, bidi overrides and
// invalid UTF-8 bytes are dropped, and the result is cut at maxBytes on a character
// boundary ("..." marks the cut).
std::string plainText(std::string_view untrusted, std::size_t maxBytes = kMaxClusterTextBytes);

} // namespace vigil

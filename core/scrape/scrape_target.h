// Configuration of one scrape target. Plain data; copied into the scraper.
// Credentials live only here and in the HTTP request: never in logs, reports,
// captures or exported settings (use redactedUrl()).
#pragma once

#include "core/expo/expo_types.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace vigil {

struct ScrapeLimits
{
    std::uint64_t maxBodyBytes = 64ull << 20;   // decompressed
    std::uint64_t maxSamples = 200'000;
    std::uint32_t maxLabelsPerSeries = 64;
    std::uint32_t maxLabelValueBytes = 4096;
};

struct ScrapeAuth
{
    enum class Kind { None, Basic, Bearer };
    Kind kind = Kind::None;
    std::string username;
    std::string password;
    std::string bearerToken;
};

struct ScrapeTargetConfig
{
    std::string url;                         // http(s)://host:port/metrics (user-info moved into auth)
    std::string job = "vigil";
    std::chrono::milliseconds interval{5000};
    std::chrono::milliseconds timeout{4000};
    ScrapeAuth auth;
    bool verifyTls = true;                   // on unless the operator turns it off for this target
    ScrapeLimits limits;
    expo::Format format = expo::Format::Auto; // Auto: Content-Type decides, then sniffing

    // The URL with any user-info removed: the only form that may be shown or logged.
    std::string redactedUrl() const;
    // "host:port" as Prometheus' instance label.
    std::string instance() const;
    // Moves user-info in `url` ("http://user:pass@host/...") into `auth` (Basic,
    // percent-decoded) unless auth is already set, and strips it from `url`.
    // The Scraper and scrapeOnce() call this on every target they are given.
    void moveUserInfoToAuth();
};

} // namespace vigil

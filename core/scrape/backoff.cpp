#include "core/scrape/backoff.h"

#include <algorithm>
#include <cmath>

namespace vigil {

Backoff::Backoff(BackoffPolicy policy, std::uint64_t seed) : m_policy(policy), m_rng(seed) {}

double Backoff::baseSeconds(const BackoffPolicy &policy, std::uint32_t n)
{
    const double initial = std::chrono::duration<double>(policy.initial).count();
    const double cap = std::chrono::duration<double>(policy.max).count();
    // Past 2^30 the cap has long been reached; clamp the exponent so pow stays finite.
    const double exponent = std::min<std::uint32_t>(n == 0 ? 0 : n - 1, 30);
    return std::min(initial * std::pow(2.0, exponent), cap);
}

std::chrono::milliseconds Backoff::failure()
{
    if (m_failures < UINT32_MAX)
        ++m_failures;
    const double base = baseSeconds(m_policy, m_failures);
    const double j = std::clamp(m_policy.jitter, 0.0, 1.0);
    std::uniform_real_distribution<double> dist(1.0 - j, 1.0 + j);
    const double cap = std::chrono::duration<double>(m_policy.max).count();
    const double seconds = std::min(base * dist(m_rng), cap);
    return std::max(std::chrono::milliseconds(1),
                    std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000.0))));
}

} // namespace vigil

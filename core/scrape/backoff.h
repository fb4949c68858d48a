// Backoff: exponential retry delays with jitter for failing scrape targets
// (0.5 s doubling to a 60 s cap, +-20 % jitter by default). Plain value type; one
// instance per target, used by the thread that owns the target (the scrape worker).
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace vigil {

struct BackoffPolicy
{
    std::chrono::milliseconds initial{500};
    std::chrono::milliseconds max{60'000};
    double jitter = 0.2; // fraction: the delay is drawn from [base*(1-j), base*(1+j)], then capped
};

class Backoff
{
public:
    explicit Backoff(BackoffPolicy policy = {}, std::uint64_t seed = std::random_device{}());

    // Records one more consecutive failure and returns the delay before the retry.
    std::chrono::milliseconds failure();
    // The target answered: back to the normal schedule.
    void reset() { m_failures = 0; }

    std::uint32_t consecutiveFailures() const { return m_failures; }
    const BackoffPolicy &policy() const { return m_policy; }
    void setPolicy(const BackoffPolicy &policy) { m_policy = policy; }

    // The delay for the n-th consecutive failure (n >= 1) before jitter.
    static double baseSeconds(const BackoffPolicy &policy, std::uint32_t n);

private:
    BackoffPolicy m_policy;
    std::uint32_t m_failures = 0;
    std::mt19937_64 m_rng;
};

} // namespace vigil

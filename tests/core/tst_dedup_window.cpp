// DedupWindow: duplicates within the window, expiry after it (explicit clock, checked
// against an exact reference model), bounded memory under 10M distinct keys, forced
// rotations when full, and sanity of hashKey (collisions, bit balance, avalanche).
#include "core/engine/dedup_window.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

using namespace vigil;

namespace {
constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kT0 = 1'700'000'000 * kSecond; // realistic wall-clock ns

std::uint64_t keyOf(std::uint64_t i)
{
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "k-%llu", static_cast<unsigned long long>(i));
    return DedupWindow::hashKey(std::string_view(buf, static_cast<std::size_t>(n)));
}
} // namespace

class TestDedupWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void duplicateWithinWindow()
    {
        DedupWindow d(60, 1024);
        const std::uint64_t a = DedupWindow::hashKey("event-a"), b = DedupWindow::hashKey("event-b");
        QVERIFY(!d.seenOrInsert(a, kT0));
        QVERIFY(d.seenOrInsert(a, kT0 + 1));
        QVERIFY(!d.seenOrInsert(b, kT0 + 2));
        QVERIFY(d.seenOrInsert(a, kT0 + 60 * kSecond - 1)); // last sighting refreshes
        QVERIFY(d.seenOrInsert(a, kT0 + 119 * kSecond));
        QVERIFY(!d.seenOrInsert(b, kT0 + 120 * kSecond));    // b: last seen 120 s ago
        QCOMPARE(d.hits(), std::uint64_t{3});
        QCOMPARE(d.misses(), std::uint64_t{3});
        QCOMPARE(d.forcedRotations(), std::uint64_t{0});
    }

    void forgottenAfterWindow()
    {
        DedupWindow d(60, 1024);
        const std::uint64_t a = DedupWindow::hashKey("a"), b = DedupWindow::hashKey("b");
        QVERIFY(!d.seenOrInsert(a, kT0));
        QVERIFY(!d.seenOrInsert(b, kT0 + 30 * kSecond));
        // a: exactly W plus one tick later it is new again; b is still within its window.
        QVERIFY(!d.seenOrInsert(a, kT0 + 60 * kSecond + d.tickNs()));
        QVERIFY(d.seenOrInsert(b, kT0 + 89 * kSecond));
        // Long silence: both generations are stale, nothing is a duplicate.
        QVERIFY(!d.seenOrInsert(a, kT0 + 1000 * kSecond));
        QVERIFY(!d.seenOrInsert(b, kT0 + 1000 * kSecond));
    }

    // Insertion times that are not multiples of the tick: the edge of the window must
    // still be on the right side (seen W - 1 ns ago is a duplicate).
    void windowEdgeAtUnalignedTimes()
    {
        DedupWindow d(60, 1u << 12);
        const std::int64_t w = 60 * kSecond;
        QVERIFY(d.tickNs() > 1000);
        d.seenOrInsert(DedupWindow::hashKey("clock-start"), kT0);
        for (std::int64_t k = 0; k < 200; ++k) {
            const std::int64_t t = kT0 + k * 7919 + 1; // spread over many tick phases
            const std::uint64_t early = keyOf(2 * k), late = keyOf(2 * k + 1);
            QVERIFY(!d.seenOrInsert(early, t));
            QVERIFY(!d.seenOrInsert(late, t));
            DedupWindow copy = d; // probe each edge on its own copy: probes refresh
            QVERIFY2(copy.seenOrInsert(early, t + w - 1), qPrintable(QString::number(k)));
            DedupWindow copy2 = d;
            QVERIFY2(!copy2.seenOrInsert(late, t + w + d.tickNs()), qPrintable(QString::number(k)));
        }
    }

    // Random traffic over many rotations against an exact map of last sightings: within W
    // must be a duplicate, after W + one tick must not; both must happen often.
    void matchesExactModel()
    {
        const std::int64_t window = kSecond; // 1 s
        DedupWindow d(1.0, 1u << 17);
        std::unordered_map<std::uint64_t, std::int64_t> lastSeen;
        std::mt19937_64 rng(11);
        std::int64_t now = kT0;
        int within = 0, after = 0, fresh = 0, ambiguous = 0;
        for (int i = 0; i < 400000; ++i) {
            now += static_cast<std::int64_t>(rng() % 40000); // ~20 us apart: ~20 s in total
            const std::uint64_t key = keyOf(rng() % 50000);
            const bool dup = d.seenOrInsert(key, now);
            const auto it = lastSeen.find(key);
            if (it == lastSeen.end()) {
                QVERIFY2(!dup, "a never-seen key reported as duplicate");
                ++fresh;
            } else if (now - it->second < window) {
                QVERIFY2(dup, qPrintable(QStringLiteral("seen %1 ns ago, not a duplicate").arg(now - it->second)));
                ++within;
            } else if (now - it->second >= window + d.tickNs()) {
                QVERIFY2(!dup, qPrintable(QStringLiteral("seen %1 ns ago, still a duplicate").arg(now - it->second)));
                ++after;
            } else {
                ++ambiguous;
            }
            lastSeen[key] = now;
        }
        QCOMPARE(d.forcedRotations(), std::uint64_t{0});
        QVERIFY(d.rotations() >= 5);
        QVERIFY2(within > 50000 && after > 50000 && fresh > 10000,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(within).arg(after).arg(fresh)));
        QVERIFY(ambiguous < 100);
    }

    // The engine writes the tables' pages from two threads before the first event: the
    // pieces cover the table once, and the window then works as one populated at once.
    void populatedInPiecesFromTwoThreads()
    {
        DedupWindow w(60, 1u << 20, false);
        const std::size_t pieces = w.populatePieces();
        QVERIFY(pieces >= 2);
        std::atomic<std::size_t> next{0};
        const auto help = [&] {
            for (std::size_t i; (i = next.fetch_add(1)) < pieces;)
                w.populatePiece(i);
        };
        std::thread other(help);
        help();
        other.join();
        w.markPopulated();
        QCOMPARE(w.populatePieces(), std::size_t(0));
        for (std::uint64_t i = 0; i < 1000; ++i)
            QVERIFY(!w.seenOrInsert(keyOf(i), kT0));
        for (std::uint64_t i = 0; i < 1000; ++i)
            QVERIFY(w.seenOrInsert(keyOf(i), kT0 + kSecond));
        DedupWindow eager(60, 1u << 20);
        QCOMPARE(eager.populatePieces(), std::size_t(0)); // the constructor did it
    }

    void clockGoingBackwards()
    {
        DedupWindow d(60, 1024);
        const std::uint64_t a = DedupWindow::hashKey("a");
        QVERIFY(!d.seenOrInsert(a, kT0 + 100 * kSecond));
        QVERIFY(d.seenOrInsert(a, kT0 + 50 * kSecond)); // a key from "the future" is recent
    }

    void disabledWindow()
    {
        DedupWindow d(0, 1024);
        QVERIFY(!d.seenOrInsert(5, kT0));
        QVERIFY(!d.seenOrInsert(5, kT0));
        QCOMPARE(d.hits(), std::uint64_t{0});
        QCOMPARE(d.misses(), std::uint64_t{2});
    }

    void forcedRotationWhenFull()
    {
        DedupWindow d(3600, 100); // 50 keys per generation
        QCOMPARE(d.keysPerGeneration(), std::size_t{50});
        QVERIFY(d.slotsPerGeneration() * 3 >= d.keysPerGeneration() * 4); // load <= 0.75
        for (std::uint64_t i = 0; i < 50; ++i)
            QVERIFY(!d.seenOrInsert(keyOf(i), kT0));
        QCOMPARE(d.forcedRotations(), std::uint64_t{0});
        QVERIFY(!d.seenOrInsert(keyOf(50), kT0)); // current full: rotates
        QCOMPARE(d.forcedRotations(), std::uint64_t{1});
        QVERIFY(d.seenOrInsert(keyOf(1), kT0));   // still in the previous generation
        for (std::uint64_t i = 100; i < 200; ++i)
            d.seenOrInsert(keyOf(i), kT0);
        QCOMPARE(d.forcedRotations(), std::uint64_t{3});
        // Well within the hour, but pushed out by volume: the window shrank.
        QVERIFY(!d.seenOrInsert(keyOf(2), kT0 + 1));
    }

    void memoryBoundUnderTenMillionKeys()
    {
        DedupWindow d(60, 1u << 20);
        const std::size_t before = d.memoryBytes();
        QVERIFY(before >= 2 * d.slotsPerGeneration() * sizeof(std::uint64_t));
        QVERIFY(before < 20 * (std::size_t{1} << 20)); // < 20 bytes per configured key
        std::int64_t now = kT0;
        for (std::uint64_t i = 0; i < 10'000'000; ++i) {
            const std::uint64_t h = DedupWindow::hashKey(std::string_view(reinterpret_cast<const char *>(&i), sizeof i));
            if (d.seenOrInsert(h, now))
                QFAIL(qPrintable(QStringLiteral("distinct key %1 reported as duplicate").arg(i)));
            now += 100; // 10M keys/s, all within the window
        }
        QCOMPARE(d.memoryBytes(), before);
        QCOMPARE(d.misses(), std::uint64_t{10'000'000});
        QCOMPARE(d.hits(), std::uint64_t{0});
        // 10M keys through 512Ki-key generations.
        QCOMPARE(d.forcedRotations(), std::uint64_t{10'000'000 / (1u << 19)});
    }

    void hashHasNoCollisionsOnSequentialKeys()
    {
        std::vector<std::uint64_t> hashes;
        hashes.reserve(1'000'000);
        char buf[16];
        for (int i = 1; i <= 1'000'000; ++i) {
            const int n = std::snprintf(buf, sizeof buf, "e-%06d", i); // "e-1000000" has 9 bytes
            hashes.push_back(DedupWindow::hashKey(std::string_view(buf, static_cast<std::size_t>(n))));
        }
        QVERIFY(std::find(hashes.begin(), hashes.end(), 0) == hashes.end());
        // Table index uses the low bits, the fingerprint the high bits: both must spread.
        std::vector<int> low(1024), high(1024);
        for (auto h : hashes) {
            ++low[h & 1023];
            ++high[h >> 54];
        }
        const auto [lmin, lmax] = std::minmax_element(low.begin(), low.end());
        const auto [hmin, hmax] = std::minmax_element(high.begin(), high.end());
        // Expected 976.6 per bucket, sigma ~31: 6 sigma.
        QVERIFY2(*lmin > 790 && *lmax < 1165, qPrintable(QStringLiteral("low %1..%2").arg(*lmin).arg(*lmax)));
        QVERIFY2(*hmin > 790 && *hmax < 1165, qPrintable(QStringLiteral("high %1..%2").arg(*hmin).arg(*hmax)));
        std::sort(hashes.begin(), hashes.end());
        const auto collisions = hashes.end() - std::unique(hashes.begin(), hashes.end());
        QCOMPARE(collisions, std::ptrdiff_t{0});
    }

    void hashAvalancheAndLengths()
    {
        // Every length branch (0, 1-3, 4-16, 17-48, > 48) and prefixes are distinct.
        const std::string text(300, 'x');
        std::vector<std::uint64_t> byLength;
        for (std::size_t n = 0; n <= text.size(); ++n)
            byLength.push_back(DedupWindow::hashKey(std::string_view(text.data(), n)));
        std::sort(byLength.begin(), byLength.end());
        QVERIFY(std::unique(byLength.begin(), byLength.end()) == byLength.end());

        // Flipping one input bit flips about half the output bits.
        std::mt19937_64 rng(7);
        for (std::size_t len : {3u, 8u, 13u, 16u, 17u, 40u, 64u, 200u}) {
            double total = 0;
            int trials = 0;
            for (int t = 0; t < 200; ++t) {
                std::string s(len, '\0');
                for (auto &c : s)
                    c = static_cast<char>(rng());
                const std::uint64_t h = DedupWindow::hashKey(s);
                const std::size_t bit = rng() % (len * 8);
                s[bit / 8] = static_cast<char>(s[bit / 8] ^ (1 << (bit % 8)));
                total += std::popcount(h ^ DedupWindow::hashKey(s));
                ++trials;
            }
            const double mean = total / trials;
            QVERIFY2(mean > 30 && mean < 34, qPrintable(QStringLiteral("len %1: %2 bits").arg(len).arg(mean)));
        }
    }
};

QTEST_GUILESS_MAIN(TestDedupWindow)
#include "tst_dedup_window.moc"

// Bit-exact round trips of the Gorilla chunk encoding, and its size on regular data.
#include "core/store/xor_chunk.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using namespace vigil::store;

namespace {

struct Encoded
{
    std::vector<std::uint8_t> bytes;
    std::uint32_t count = 0;
};

Encoded encode(const std::vector<std::int64_t> &ts, const std::vector<double> &vs)
{
    Encoded e;
    XorEncoder enc;
    for (std::size_t i = 0; i < ts.size(); ++i) {
        if (i == 0)
            enc.start(e.bytes, ts[i], vs[i]);
        else
            enc.append(e.bytes, ts[i], vs[i]);
    }
    e.count = enc.count();
    return e;
}

// Returns the index of the first mismatch, or -1 when everything round-trips.
int verify(const std::vector<std::int64_t> &ts, const std::vector<double> &vs)
{
    const Encoded e = encode(ts, vs);
    if (e.count != ts.size())
        return 0;
    XorDecoder dec(e.bytes.data(), e.bytes.size(), e.count, ts.front());
    std::size_t i = 0;
    for (; dec.next(); ++i) {
        if (i >= ts.size() || dec.timestamp() != ts[i] ||
            dec.valueBits() != std::bit_cast<std::uint64_t>(vs[i]))
            return int(i);
    }
    return i == ts.size() ? -1 : int(i);
}

} // namespace

class TestXorChunk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void specialValuesRoundTrip()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<double> vs = {
            0.0, -0.0, 0.0, 1.0, -1.0, nan, std::bit_cast<double>(0x7ff0000000000002ull),
            std::bit_cast<double>(0xfff8000000000001ull), std::numeric_limits<double>::infinity(),
            -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::max(),
            std::numeric_limits<double>::lowest(), std::numeric_limits<double>::min(),
            std::numeric_limits<double>::denorm_min(), 1e-300, 1e300, 3.141592653589793, 3.141592653589793,
            3.141592653589793, -2.5, 1e15 + 0.5, 42.0, 42.0};
        std::vector<std::int64_t> ts;
        std::int64_t t = 1'700'000'000'000;
        const std::int64_t steps[] = {1000, 1000, 1003, 997, 1, 60'000, 86'400'000, 1000, 1, 1016, 984, 1015, 1000, 8191, 8192, 1000, 9192, 10192,
                                      1'000'000'000'000, 2, 15'000, 15'000, 14'999, 15'001,
                                      524'288, 524'287, 2048, 2047, 64, 63, 1000};
        ts.push_back(t);
        for (std::size_t i = 1; i < vs.size(); ++i) {
            t += steps[(i - 1) % std::size(steps)];
            ts.push_back(t);
        }
        QCOMPARE(verify(ts, vs), -1);
    }

    void extremeTimestampsRoundTrip()
    {
        const std::vector<std::int64_t> ts = {std::numeric_limits<std::int64_t>::min(), -1'000'000, -1, 0, 1,
                                              std::numeric_limits<std::int64_t>::max() - 1,
                                              std::numeric_limits<std::int64_t>::max()};
        const std::vector<double> vs(ts.size(), 7.0);
        QCOMPARE(verify(ts, vs), -1);
    }

    void bucketBoundaries()
    {
        // Delta-of-delta exactly at and beyond each bucket's limits, both signs.
        const std::int64_t dods[] = {0, 1, -1, 15, -16, 16, -17, 8191, -8192, 8192, -8193,
                                     (1 << 19) - 1, -(1 << 19), 1 << 19, -(1 << 19) - 1, 1LL << 40, -(1LL << 30)};
        for (const std::int64_t dod : dods) {
            const std::int64_t base = 2'000'000'000;
            const std::vector<std::int64_t> ts = {0, base, base + base + dod, 3 * base + dod, 4 * base + dod - 7};
            const std::vector<double> vs = {1, 2, 3, 4, 5};
            QVERIFY2(verify(ts, vs) == -1, qPrintable(QString::number(dod)));
        }
    }

    void randomRoundTrip()
    {
        std::mt19937_64 rng(12345);
        for (int round = 0; round < 50; ++round) {
            std::vector<std::int64_t> ts;
            std::vector<double> vs;
            std::int64_t t = std::int64_t(rng() % 2'000'000'000'000);
            double v = 100;
            for (int i = 0; i < 500; ++i) {
                // Mix of regular intervals, jitter, and rare huge gaps.
                const unsigned kind = rng() % 10;
                if (kind < 5)
                    t += 1000;
                else if (kind < 8)
                    t += 1000 + std::int64_t(rng() % 21) - 10;
                else if (kind < 9)
                    t += 1 + std::int64_t(rng() % 5'000'000);
                else
                    t += 1 + std::int64_t(rng() % (1ull << 45));
                const unsigned vk = rng() % 6;
                if (vk == 0)
                    v = std::bit_cast<double>(rng()); // any bit pattern, NaNs included
                else if (vk == 1)
                    v += double(rng() % 100);
                else if (vk == 2)
                    v = -v;
                else if (vk == 3)
                    v = v * 1.0000001;
                ts.push_back(t);
                vs.push_back(v);
            }
            const int bad = verify(ts, vs);
            if (bad != -1)
                QFAIL(qPrintable(QStringLiteral("round %1: mismatch at sample %2").arg(round).arg(bad)));
        }
    }

    void regularDataIsSmall()
    {
        // 120 samples at exactly 1 s with a constant value: 64 bits for the first value,
        // then ~2 bits per sample.
        std::vector<std::int64_t> ts;
        std::vector<double> vs;
        for (int i = 0; i < 120; ++i) {
            ts.push_back(1'700'000'000'000 + i * 1000);
            vs.push_back(1.0);
        }
        const Encoded constant = encode(ts, vs);
        QVERIFY2(constant.bytes.size() <= 42, qPrintable(QString::number(constant.bytes.size())));

        // A counter growing by small irregular integers with a few ms of jitter.
        std::mt19937 rng(7);
        double c = 123456;
        for (int i = 0; i < 120; ++i) {
            ts[i] = 1'700'000'000'000 + i * 1000 + std::int64_t(rng() % 7);
            c += double(rng() % 20);
            vs[i] = c;
        }
        const Encoded counter = encode(ts, vs);
        QVERIFY2(counter.bytes.size() < 120 * 4, qPrintable(QString::number(counter.bytes.size())));
        QCOMPARE(verify(ts, vs), -1);
    }

    void truncatedBufferStops()
    {
        std::vector<std::int64_t> ts = {0, 1000, 2000, 3000};
        std::vector<double> vs = {1.5, 2.5, 3.5, 4.5};
        Encoded e = encode(ts, vs);
        // Claim more samples than encoded, and cut the last byte: decoding must stop early.
        XorDecoder dec(e.bytes.data(), e.bytes.size() - 1, 10, 0);
        int n = 0;
        while (dec.next())
            ++n;
        QVERIFY(n < 4);
        QVERIFY(n >= 1);
    }
};

QTEST_GUILESS_MAIN(TestXorChunk)
#include "tst_xor_chunk.moc"

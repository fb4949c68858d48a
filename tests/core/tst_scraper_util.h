// Helpers shared by the scraper suites: a sink that records batches under a mutex
// (the Scraper calls it on its worker thread, tests read it on the main thread),
// and gzip compression for test bodies.
#pragma once

#include "core/hub/sample_batch.h"
#include "core/scrape/scraper.h"

#include <QByteArray>

#include <zlib.h>

#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace vigil::test {

class BatchRecorder
{
public:
    BatchSink sink()
    {
        return [this](SampleBatch &&b) {
            std::lock_guard lock(m_mutex);
            m_batches.push_back(std::move(b));
        };
    }
    // Batches of the target whose (redacted) URL ends with `suffix`; all when empty.
    std::vector<SampleBatch> batches(const std::string &suffix = {}) const
    {
        std::lock_guard lock(m_mutex);
        std::vector<SampleBatch> out;
        for (const auto &b : m_batches)
            if (suffix.empty()
                || (b.scrape && b.scrape->targetUrl.size() >= suffix.size()
                    && b.scrape->targetUrl.compare(b.scrape->targetUrl.size() - suffix.size(), suffix.size(), suffix) == 0))
                out.push_back(b);
        return out;
    }
    std::size_t count(const std::string &suffix = {}) const { return batches(suffix).size(); }
    std::size_t countIf(const std::string &suffix, const std::function<bool(const SampleBatch &)> &pred) const
    {
        std::size_t n = 0;
        for (const auto &b : batches(suffix))
            n += pred(b) ? 1 : 0;
        return n;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<SampleBatch> m_batches;
};

// gzip of `input`, one member.
inline QByteArray gzipCompress(const QByteArray &input, int level = Z_DEFAULT_COMPRESSION)
{
    z_stream s{};
    deflateInit2(&s, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out;
    out.resize(qsizetype(deflateBound(&s, uLong(input.size()))) + 64);
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.constData()));
    s.avail_in = uInt(input.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.resize(qsizetype(s.total_out));
    deflateEnd(&s);
    return out;
}

// A gzip bomb: `mib` MiB of zeros in one valid gzip member, ~1000:1. Built from one
// compressed MiB repeated (a full flush makes every MiB compress to the same bytes),
// with the CRC combined arithmetically, so 1 GiB costs milliseconds, not seconds.
inline QByteArray gzipZeros(std::uint32_t mib)
{
    const QByteArray zeros(1 << 20, '\0');
    z_stream s{};
    deflateInit2(&s, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    auto deflateChunk = [&](const QByteArray &in, int flush) {
        QByteArray out;
        char buf[1 << 16];
        s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
        s.avail_in = uInt(in.size());
        do {
            s.next_out = reinterpret_cast<Bytef *>(buf);
            s.avail_out = sizeof buf;
            deflate(&s, flush);
            out.append(buf, qsizetype(sizeof buf - s.avail_out));
        } while (s.avail_out == 0);
        return out;
    };
    const QByteArray first = deflateChunk(zeros, Z_FULL_FLUSH);
    const QByteArray repeat = deflateChunk(zeros, Z_FULL_FLUSH);
    const QByteArray tail = deflateChunk(QByteArray(), Z_FINISH);
    deflateEnd(&s);
    if (first != repeat)
        return {}; // zlib changed its output: callers QVERIFY a non-empty bomb

    const uLong crcMiB = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(zeros.constData()),
                               uInt(zeros.size()));
    uLong crc = crc32(0L, Z_NULL, 0);
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
    out.reserve(10 + first.size() * mib + tail.size() + 8);
    for (std::uint32_t i = 0; i < mib; ++i) {
        out += first;
        crc = crc32_combine(crc, crcMiB, z_off_t(zeros.size()));
    }
    out += tail;
    const std::uint32_t isize = std::uint32_t((std::uint64_t(mib) << 20) & 0xffffffffu);
    for (std::uint32_t v : {std::uint32_t(crc), isize})
        for (int b = 0; b < 4; ++b)
            out.append(char((v >> (8 * b)) & 0xff));
    return out;
}

} // namespace vigil::test

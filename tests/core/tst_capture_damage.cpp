// Damaged captures: flipped bytes everywhere, truncation at every 4 KiB boundary,
// spliced files, absurd sizes and hostile zstd frames, salvage mode. Never a crash,
// always an offset and a reason; what is intact stays readable. The test binary counts
// its largest single allocation, so "never allocate from unchecked sizes" is checked.
#include "tst_capture_util.h"

#include "core/capture/capture_bytes.h"
#include "core/capture/capture_format.h"
#include "core/capture/capture_records.h"

#include <QTemporaryDir>
#include <QTest>

#include <zstd.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <random>

using namespace vigil;
using namespace vigil::capture;
using namespace vigil::test;

// ---------------------------------------------------------------- allocation probe

namespace {
std::atomic<std::size_t> g_largestAllocation{0};

void noteAllocation(std::size_t n)
{
    std::size_t seen = g_largestAllocation.load(std::memory_order_relaxed);
    while (n > seen && !g_largestAllocation.compare_exchange_weak(seen, n, std::memory_order_relaxed)) {
    }
}
} // namespace

void *operator new(std::size_t n)
{
    noteAllocation(n);
    if (void *p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void *operator new[](std::size_t n)
{
    return operator new(n);
}
void operator delete(void *p) noexcept
{
    std::free(p);
}
void operator delete[](void *p) noexcept
{
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    std::free(p);
}

namespace {

struct Extent
{
    std::uint64_t offset, end;
    std::uint8_t type;
    std::uint64_t sequence;
};

// Every frame of an intact capture (index and trailer frames too), by walking headers.
std::vector<Extent> extents(const std::string &bytes)
{
    std::vector<Extent> out;
    std::uint64_t off = format::kFileHeaderSize;
    while (off + format::kFrameHeaderSize <= bytes.size() && bytes.compare(off, 4, "VFRM") == 0) {
        const format::FrameHeader h = format::parseFrameHeader(bytes.data() + off);
        const std::uint64_t end = off + format::kFrameHeaderSize + h.storedBytes;
        out.push_back({off, end, h.type, h.sequence});
        off = end;
    }
    return out;
}

std::string makeCapture(const std::string &path, int rounds, int series, std::size_t frameBytes,
                        int level = 1)
{
    WriterOptions o;
    o.path = path;
    o.frameBytes = frameBytes;
    o.zstdLevel = level;
    auto writer = CaptureWriter::open(o);
    if (!writer) qFatal("%s", writer.error().message.c_str());
    feed(**writer, makeWorkload(rounds, series));
    if (!(*writer)->close()) qFatal("close failed");
    return readBytes(path);
}

// A capture made by hand: the file header, then the given frames.
std::string handMade(const std::vector<std::pair<format::FrameHeader, std::string>> &frames)
{
    std::string out(format::kFileHeaderSize, '\0');
    format::encodeFileHeader(out.data(), 1'700'000'000'000, "test", "host");
    for (const auto &[h, payload] : frames) {
        char hb[format::kFrameHeaderSize];
        format::encodeFrameHeader(hb, h, payload.data(), payload.size());
        out.append(hb, sizeof hb);
        out += payload;
    }
    return out;
}

format::FrameHeader notesHeader(std::uint64_t seq, std::size_t stored, std::size_t raw, std::uint32_t records,
                                bool zstd)
{
    format::FrameHeader h;
    h.type = std::uint8_t(FrameType::Notes);
    h.flags = zstd ? format::kFlagZstd : 0;
    h.storedBytes = std::uint32_t(stored);
    h.rawBytes = std::uint32_t(raw);
    h.sequence = seq;
    h.firstMs = 1;
    h.records = records;
    return h;
}

struct Outcome
{
    bool opened = false;
    std::string openError;
    std::vector<std::string> readErrors;
    std::vector<bool> readOk;
    std::size_t reported = 0; // damage entries + read errors
};

Outcome tryAll(const std::string &bytes, bool salvage)
{
    Outcome o;
    ReaderOptions opt;
    opt.salvage = salvage;
    auto r = CaptureReader::openMemory(bytes, opt);
    if (!r) {
        o.openError = r.error().message;
        return o;
    }
    o.opened = true;
    for (std::size_t i = 0; i < (*r)->frames().size(); ++i) {
        auto f = (*r)->read(i);
        o.readOk.push_back(f.ok());
        if (!f.ok()) o.readErrors.push_back(f.error().message);
    }
    for (const Damage &d : (*r)->damage())
        if (d.reason.empty()) qFatal("damage without a reason at %llu", (unsigned long long)d.offset);
    o.reported = (*r)->damage().size() + o.readErrors.size();
    return o;
}

} // namespace

class TestCaptureDamage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_small, m_big; // ~40 KiB (27 frames) and ~1.7 MiB (128 frames) clean captures
    std::string path(const char *name) const { return m_dir.path().toStdString() + "/" + name; }

  private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_small = makeCapture(path("small.vcap"), 40, 60, 8 << 10);
        m_big = makeCapture(path("big.vcap"), 200, 500, 32 << 10);
        qInfo("small capture %zu bytes, %zu frames; big capture %zu bytes, %zu frames", m_small.size(),
              extents(m_small).size(), m_big.size(), extents(m_big).size());
        QVERIFY(m_big.size() > (1u << 20) && m_big.size() < (2u << 20));
    }

    void flippedBytes()
    {
        const std::vector<Extent> ext = extents(m_small);
        std::vector<std::size_t> positions;
        for (std::size_t i = 0; i < format::kFileHeaderSize; ++i)
            positions.push_back(i);
        for (std::size_t k : {std::size_t(0), std::size_t(1), ext.size() / 2, ext.size() - 1})
            for (std::size_t i = 0; i < format::kFrameHeaderSize; ++i)
                positions.push_back(ext[k].offset + i);
        for (std::size_t i = 0; i < format::kFooterSize; ++i)
            positions.push_back(m_small.size() - format::kFooterSize + i);
        std::mt19937 rng(7);
        for (int i = 0; i < 150; ++i)
            positions.push_back(format::kFileHeaderSize + rng() % (m_small.size() - format::kFileHeaderSize));

        for (std::size_t pos : positions) {
            for (unsigned char mask : {0x01, 0xFF}) {
                std::string bad = m_small;
                bad[pos] = static_cast<char>(bad[pos] ^ mask);
                const std::string whereText =
                    "flip of 0x" + QString::number(mask, 16).toStdString() + " at " + std::to_string(pos);
                const char *where = whereText.c_str();
                // Which frame holds the byte (none: file header or footer).
                const Extent *hit = nullptr;
                for (const Extent &e : ext)
                    if (pos >= e.offset && pos < e.end) hit = &e;

                const Outcome def = tryAll(bad, false);
                if (pos < format::kFileHeaderSize) {
                    QVERIFY2(!def.opened, where);
                    QVERIFY2(!def.openError.empty(), where);
                    continue;
                }
                QVERIFY2(def.opened, (whereText + ": " + def.openError).c_str());
                // Frames entirely before the flipped byte read fine.
                auto r = CaptureReader::openMemory(bad);
                for (std::size_t i = 0; i < (*r)->frames().size(); ++i) {
                    const FrameInfo &f = (*r)->frames()[i];
                    if (f.offset + format::kFrameHeaderSize + f.storedBytes <= pos)
                        QVERIFY2((*r)->read(i).ok(), where);
                }
                for (const std::string &e : def.readErrors)
                    QVERIFY2(e.find(" at offset ") != std::string::npos, e.c_str());
                // Reported, unless it hit an index frame (not read when the trailer is used).
                if (!hit || hit->type != std::uint8_t(FrameType::Index)) QVERIFY2(def.reported > 0, where);

                // Salvage: always reported, and every frame not holding the byte is read.
                const Outcome sal = tryAll(bad, true);
                QVERIFY2(sal.opened, where);
                QVERIFY2(sal.reported > 0, where);
                auto s = CaptureReader::openMemory(bad, {true, {}});
                std::size_t intactData = 0;
                for (const Extent &e : ext)
                    intactData += (&e != hit && e.type >= 1 && e.type <= 7);
                QVERIFY2((*s)->frames().size() == intactData, (whereText + "\n" + describe(**s)).c_str());
                for (const FrameInfo &f : (*s)->frames())
                    QVERIFY2(!hit || f.offset != hit->offset, where);
                for (bool ok : sal.readOk)
                    QVERIFY2(ok, where);
            }
        }
    }

    void truncationAtEvery4KiB()
    {
        const std::vector<Extent> ext = extents(m_big);
        auto clean = CaptureReader::openMemory(m_big);
        QVERIFY(clean.ok());
        const std::vector<FrameInfo> all = (*clean)->frames();
        for (std::uint64_t cut = 4096; cut < m_big.size(); cut += 4096) {
            const std::string whereText = "cut at " + std::to_string(cut);
            const char *where = whereText.c_str();
            std::uint64_t lastEnd = format::kFileHeaderSize;
            std::size_t whole = 0;
            for (const Extent &e : ext)
                if (e.end <= cut) {
                    lastEnd = e.end;
                    whole += e.type >= 1 && e.type <= 7;
                }
            auto r = CaptureReader::openMemory(m_big.substr(0, cut));
            QVERIFY2(r.ok(), where);
            QVERIFY2((*r)->frames().size() == whole, where);
            for (std::size_t i = 0; i < whole; ++i)
                QVERIFY2((*r)->read(i).ok(), where);
            // Same frames, same times once read, as in the intact file.
            for (std::size_t i = 0; i < whole; ++i)
                QVERIFY2((*r)->frames()[i] == all[i], where);
            if (lastEnd == cut) {
                QVERIFY2((*r)->damage().empty(), where);
                continue;
            }
            QVERIFY2((*r)->damage().size() == 1, (whereText + " " + describe(**r)).c_str());
            const Damage &d = (*r)->damage()[0];
            QVERIFY2(d.tornTail, where);
            QCOMPARE(d.offset, lastEnd);
            QCOMPARE(d.bytes, cut - lastEnd);
            const std::string summary = (*r)->damageSummary();
            const std::string expected = "recovered " + std::to_string(whole) + " frames; torn tail of " +
                                         std::to_string(cut - lastEnd) + " bytes at offset " +
                                         std::to_string(lastEnd);
            QCOMPARE(summary, expected);
        }
    }

    void splicedCaptures()
    {
        const std::string a = m_small;
        const std::string b = makeCapture(path("other.vcap"), 10, 20, 4 << 10);
        const std::vector<Extent> ea = extents(a), eb = extents(b);
        auto cleanA = CaptureReader::openMemory(a);
        QVERIFY(cleanA.ok());

        // Two clean captures concatenated: A is read, the rest reported.
        for (bool salvage : {false, true}) {
            auto r = CaptureReader::openMemory(a + b, {salvage, {}});
            QVERIFY(r.ok());
            QVERIFY((*r)->frames().size() == (*cleanA)->frames().size());
            bool reported = false;
            for (const Damage &d : (*r)->damage())
                reported |= d.offset == a.size() && d.reason.find("another capture") != std::string::npos;
            QVERIFY2(reported, describe(**r).c_str());
        }
        // A crashed capture (no trailer, no footer) followed by another capture.
        const std::string crashed = a.substr(0, ea.back().offset);
        auto c = CaptureReader::openMemory(crashed + b);
        QVERIFY(c.ok());
        // (B's footer at the end points at no trailer of this file: reported, then the walk.)
        QCOMPARE((*c)->damage().size(), std::size_t(2));
        QVERIFY((*c)->damage()[0].reason.find("trailer not usable") != std::string::npos);
        QCOMPARE((*c)->damage()[1].offset, std::uint64_t(crashed.size()));
        QVERIFY((*c)->damage()[1].reason.find("another capture starts") != std::string::npos);
        QCOMPARE((*c)->frames().size(), (*cleanA)->frames().size());

        // A frame of B inserted into A between two frames.
        const Extent &at = ea[ea.size() / 2];
        const Extent *foreign = nullptr;
        for (const Extent &e : eb)
            if (e.sequence != at.sequence && e.sequence != at.sequence + 1 && e.type == 2) foreign = &e;
        QVERIFY(foreign);
        const std::string inserted = a.substr(0, at.offset) +
                                     b.substr(foreign->offset, foreign->end - foreign->offset) +
                                     a.substr(at.offset);
        auto d = CaptureReader::openMemory(inserted);
        QVERIFY(d.ok());
        bool stopped = false;
        for (const Damage &dm : (*d)->damage())
            stopped |= dm.offset == at.offset && dm.reason.find("sequence") != std::string::npos;
        QVERIFY2(stopped, describe(**d).c_str());
        for (std::size_t i = 0; i < (*d)->frames().size(); ++i) {
            QVERIFY((*d)->frames()[i].offset < at.offset);
            QVERIFY((*d)->read(i).ok());
        }
        auto s = CaptureReader::openMemory(inserted, {true, {}});
        QVERIFY(s.ok());
        QCOMPARE((*s)->frames().size(), (*cleanA)->frames().size());
        bool skipped = false;
        for (const Damage &dm : (*s)->damage())
            skipped |= dm.offset == at.offset && dm.reason.find("another capture") != std::string::npos;
        QVERIFY2(skipped, describe(**s).c_str());
        const CaptureContents got = readAll(**s);
        const CaptureContents want = readAll(**cleanA);
        QVERIFY(got.errors.empty());
        QCOMPARE(got.sampleCount, want.sampleCount);
        QCOMPARE(got.events.size(), want.events.size());
    }

    void absurdSizes()
    {
        const std::vector<Extent> ext = extents(m_small);
        const Extent &mid = ext[ext.size() / 2];
        const auto patch = [&](std::size_t at, std::uint32_t value) {
            std::string bad = m_small;
            bytes::storeLE<std::uint32_t>(bad.data() + at, value);
            return bad;
        };
        g_largestAllocation = 0;
        const auto expectReason = [&](const std::string &bad, const char *needle) {
            for (bool salvage : {false, true}) {
                auto r = CaptureReader::openMemory(bad, {salvage, {}});
                QVERIFY(r.ok());
                std::string all = describe(**r);
                for (std::size_t i = 0; i < (*r)->frames().size(); ++i)
                    if (auto f = (*r)->read(i); !f) all += "\n" + f.error().message;
                QVERIFY2(all.find(needle) != std::string::npos,
                         (std::string(salvage ? "salvage: " : "") + all).c_str());
            }
        };
        expectReason(patch(mid.offset + 8, 0xFFFFFFFFu), "frame size 4294967295 exceeds 16 MiB");
        expectReason(patch(mid.offset + 12, 70u << 20), "raw frame size 73400320 exceeds 64 MiB");
        // A raw size zstd cannot produce from the stored bytes (the smallest frame's).
        const Extent *smallest = nullptr;
        for (const Extent &e : ext)
            if (m_small[e.offset + 5] == char(format::kFlagZstd) &&
                (!smallest || e.end - e.offset < smallest->end - smallest->offset))
                smallest = &e;
        QVERIFY(smallest);
        const std::uint32_t stored =
            std::uint32_t(smallest->end - smallest->offset - format::kFrameHeaderSize);
        QVERIFY(std::uint64_t(stored) * 32768 + 1 <= (64u << 20));
        expectReason(patch(smallest->offset + 12, stored * 32768 + 1), "more than zstd can inflate");
        // Nothing above the file's own size was allocated for any of these.
        QVERIFY2(g_largestAllocation < 2 * m_small.size() + (1u << 20),
                 qPrintable(QString::number(g_largestAllocation.load())));

        // Hand-made hostile zstd frames over a valid notes payload.
        std::string raw;
        for (int i = 0; i < 2000; ++i)
            encode(raw, Note{i, i, "a", "note number " + std::to_string(i)});
        std::string withSize(ZSTD_compressBound(raw.size()), '\0');
        withSize.resize(ZSTD_compress(withSize.data(), withSize.size(), raw.data(), raw.size(), 1));
        ZSTD_CCtx *cctx = ZSTD_createCCtx();
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0);
        std::string noSize(ZSTD_compressBound(raw.size()), '\0');
        noSize.resize(ZSTD_compress2(cctx, noSize.data(), noSize.size(), raw.data(), raw.size()));
        ZSTD_freeCCtx(cctx);
        QVERIFY(ZSTD_getFrameContentSize(noSize.data(), noSize.size()) == ZSTD_CONTENTSIZE_UNKNOWN);

        const auto readFrame0 = [](const std::string &file) -> std::string {
            auto r = CaptureReader::openMemory(file);
            if (!r) return "open: " + r.error().message;
            if ((*r)->frames().empty()) return "no frames: " + describe(**r);
            auto f = (*r)->read(0);
            return f ? std::string("ok") : f.error().message;
        };
        QCOMPARE(readFrame0(handMade({{notesHeader(0, withSize.size(), raw.size(), 2000, true), withSize}})),
                 std::string("ok"));
        QCOMPARE(readFrame0(handMade({{notesHeader(0, noSize.size(), raw.size(), 2000, true), noSize}})),
                 std::string("ok"));
        g_largestAllocation = 0;
        std::string e =
            readFrame0(handMade({{notesHeader(0, noSize.size(), raw.size() - 100, 2000, true), noSize}}));
        QVERIFY2(e.find("inflates beyond its declared raw size") != std::string::npos, e.c_str());
        QVERIFY(g_largestAllocation <= raw.size() + 4096); // the declared size, no more
        e = readFrame0(handMade({{notesHeader(0, noSize.size(), raw.size() + 100, 2000, true), noSize}}));
        QVERIFY2(e.find("inflates to") != std::string::npos, e.c_str());
        e = readFrame0(handMade({{notesHeader(0, withSize.size(), raw.size() + 100, 2000, true), withSize}}));
        QVERIFY2(e.find("zstd frame declares") != std::string::npos, e.c_str());
        e = readFrame0(handMade(
            {{notesHeader(0, 2 * withSize.size(), 2 * raw.size(), 4000, true), withSize + withSize}}));
        QVERIFY2(e.find("not exactly one zstd frame") != std::string::npos, e.c_str());
        e = readFrame0(handMade({{notesHeader(0, 64, 64, 1, true), std::string(64, 'z')}}));
        QVERIFY2(e.find("zstd") != std::string::npos, e.c_str());
        // A record count the payload cannot hold is refused from the header alone.
        e = readFrame0(handMade({{notesHeader(0, raw.size(), raw.size(), 0xFFFFFFFFu, false), raw}}));
        QVERIFY2(e.find("records cannot fit") != std::string::npos, e.c_str());
        // 100 bytes claiming 64 MiB: refused before the buffer is allocated.
        g_largestAllocation = 0;
        e = readFrame0(handMade({{notesHeader(0, 60, 64u << 20, 3, true), std::string(60, '\x28')}}));
        QVERIFY2(e.find("more than zstd can inflate") != std::string::npos, e.c_str());
        QVERIFY2(g_largestAllocation < (1u << 16), qPrintable(QString::number(g_largestAllocation.load())));
    }

    void salvageSkipsACorruptMiddleFrame()
    {
        const std::vector<Extent> ext = extents(m_big);
        auto clean = CaptureReader::openMemory(m_big);
        QVERIFY(clean.ok());
        const CaptureContents want = readAll(**clean);
        // The middle samples frame.
        std::size_t k = 0;
        for (std::size_t i = 0; i < (*clean)->frames().size(); ++i)
            if ((*clean)->frames()[i].type == FrameType::Samples && i >= (*clean)->frames().size() / 2) {
                k = i;
                break;
            }
        const FrameInfo victim = (*clean)->frames()[k];
        auto victimFrame = (*clean)->read(k);
        QVERIFY(victimFrame.ok());
        std::size_t victimSamples = 0;
        for (const SampleRun &run : victimFrame->records.samples)
            victimSamples += run.points.size();
        std::string bad = m_big;
        bad[victim.offset + format::kFrameHeaderSize + victim.storedBytes / 2] ^= 0x20;

        // Default: reading stops at the bad frame with its offset and reason.
        auto r = CaptureReader::openMemory(bad);
        QVERIFY(r.ok());
        const CaptureContents partial = readAll(**r);
        QCOMPARE(partial.errors.size(), std::size_t(1));
        QVERIFY2(partial.errors[0].find("at offset " + std::to_string(victim.offset) + ": CRC mismatch") !=
                     std::string::npos,
                 partial.errors[0].c_str());
        QCOMPARE((*r)->damage().size(), std::size_t(1));
        QCOMPARE((*r)->damage()[0].offset, victim.offset);

        // Salvage: the frame is skipped and reported, everything else is read.
        auto s = CaptureReader::openMemory(bad, {true, {}});
        QVERIFY(s.ok());
        QCOMPARE((*s)->frames().size(), (*clean)->frames().size() - 1);
        QCOMPARE((*s)->damage().size(), std::size_t(1));
        const Damage &d = (*s)->damage()[0];
        QCOMPARE(d.offset, victim.offset);
        QCOMPARE(d.bytes, std::uint64_t(format::kFrameHeaderSize + victim.storedBytes));
        QVERIFY2(d.reason.find("CRC mismatch") != std::string::npos, d.reason.c_str());
        QVERIFY(!d.tornTail);
        const CaptureContents got = readAll(**s);
        QVERIFY(got.errors.empty());
        QCOMPARE(got.sampleCount, want.sampleCount - victimSamples);
        QCOMPARE(got.events.size(), want.events.size());
        QCOMPARE(got.scrapes.size(), want.scrapes.size());
        QCOMPARE((*s)->series().size(), (*clean)->series().size());
    }

    void progressAndCancel()
    {
        const std::string noFooter = m_big.substr(0, m_big.size() - format::kFooterSize);
        int calls = 0;
        ReaderOptions o;
        o.progress = [&](std::uint64_t at, std::uint64_t total) {
            ++calls;
            return at <= total;
        };
        QVERIFY(CaptureReader::openMemory(noFooter, o).ok());
        QVERIFY(calls >= 1);
        o.progress = [](std::uint64_t, std::uint64_t) { return false; };
        auto r = CaptureReader::openMemory(noFooter, o);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("cancelled") != std::string::npos);
    }

    void notACapture()
    {
        for (const std::string &bytes :
             {std::string(), std::string("VIGILCAP"), std::string(64, '\0'), std::string(100000, 'x')}) {
            auto r = CaptureReader::openMemory(bytes);
            QVERIFY(!r.ok());
            QVERIFY(!r.error().message.empty());
        }
        std::string future = m_small.substr(0, 64);
        future[8] = 2; // version 2, CRC fixed
        bytes::storeLE<std::uint32_t>(future.data() + 60, crc32cOf(future));
        auto r = CaptureReader::openMemory(future);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("version 2") != std::string::npos, r.error().message.c_str());
    }

  private:
    static std::uint32_t crc32cOf(const std::string &header);
};

#include "core/capture/crc32c.h"
std::uint32_t TestCaptureDamage::crc32cOf(const std::string &header)
{
    return capture::crc32c(header.data(), 60);
}

QTEST_GUILESS_MAIN(TestCaptureDamage)
#include "tst_capture_damage.moc"

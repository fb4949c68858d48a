// Test helper for tst_stream_sources_file: reads its stdin through
// createStreamSource("-") into a RecordingSink and prints what arrived as
// "lines=N errors=E ended=REASON violations=V" plus one "error=..." line per error.
#include "core/stream/stream_source.h"
#include "tests/core/tst_stream_sink.h"

#include <condition_variable>
#include <cstdio>

namespace {

class WaitingSink : public vigil::test::RecordingSink
{
public:
    void sourceEnded(std::uint32_t sourceId, const std::string &reason) override
    {
        RecordingSink::sourceEnded(sourceId, reason);
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_cv.notify_all();
    }
    void waitEnded()
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [this] { return m_done; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_done = false;
};

} // namespace

int main()
{
    WaitingSink sink;
    auto source = vigil::createStreamSource("-", sink);
    if (!source) {
        std::fprintf(stderr, "%s\n", source.error().message.c_str());
        return 2;
    }
    (*source)->start();
    sink.waitEnded();
    (*source)->stop();
    const auto id = (*source)->sourceId();
    const auto ended = sink.ended(id);
    std::printf("lines=%zu errors=%zu ended=%s violations=%zu finished=%d policy=%d\n", sink.lineCount(),
                sink.errorCount(), ended.empty() ? "" : ended.front().c_str(), sink.violations().size(),
                (*source)->finished() ? 1 : 0, static_cast<int>(sink.infos().front().policy));
    for (const auto &e : sink.errors())
        std::printf("error=%llu:%s\n", static_cast<unsigned long long>(e.line), e.message.c_str());
    const auto texts = sink.texts();
    if (!texts.empty()) std::printf("last=%s\n", texts.back().c_str());
    return 0;
}

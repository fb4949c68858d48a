// CaptureTapSink: an EventSink in front of the event engine that also hands what the
// stream sources deliver to a CaptureWriter — each source registration (URL without
// user-info) and a copy of every LineBatch's lines — then forwards everything to the
// engine unchanged. Lines are captured before the engine sees them, in the order the
// sources push them, whatever the engine later drops, deduplicates or finds malformed.
//
// Threads: the EventSink calls come from source threads (as for the engine).
// setWriter() from any thread: it replays the sources registered so far to the new
// writer; when it returns the previous writer is no longer used (its owner may close
// and destroy it). One mutex, taken once per batch, never per line (with WhenFull::Wait
// a push waiting for the writer holds it: the other sources wait too).
#pragma once

#include "core/capture/capture_writer.h"
#include "core/engine/event_sink.h"

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace vigil {



class CaptureTapSink : public EventSink
{
  public:
    explicit CaptureTapSink(EventSink &inner) : m_inner(inner) {}

    // Null stops capturing (the engine still gets everything). whenFull: what a push
    // does when the writer's queue is full — Drop (live: count the loss, never hold a
    // source) or Wait (vigilctl record: the source waits, so nothing is lost; a TCP
    // sender feels backpressure).
    void setWriter(std::shared_ptr<capture::CaptureWriter> writer,
                   capture::WhenFull whenFull = capture::WhenFull::Drop);
    // Event lines handed to a writer so far (for the recorder's acknowledgements).
    std::uint64_t linesCaptured() const;

    std::uint32_t registerSource(const SourceInfo &info) override;
    void push(LineBatch &&batch) override;
    void reportFramingError(FramingError &&error) override { m_inner.reportFramingError(std::move(error)); }
    void sourceEnded(std::uint32_t sourceId, const std::string &reason) override
    {
        m_inner.sourceEnded(sourceId, reason);
    }
    void sourceState(std::uint32_t sourceId, const std::string &state) override
    {
        m_inner.sourceState(sourceId, state);
    }

  private:
    EventSink &m_inner;
    mutable std::mutex m_mutex;
    std::shared_ptr<capture::CaptureWriter> m_writer;
    capture::WhenFull m_whenFull = capture::WhenFull::Drop;
    std::vector<std::pair<std::uint32_t, std::string>> m_sources; // id, redacted URL
    std::uint64_t m_lines = 0;
};

// "tcp://user:secret@host:7000" -> "tcp://host:7000"; anything else unchanged.
std::string urlWithoutUserInfo(const std::string &url);

} // namespace vigil

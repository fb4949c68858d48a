// LineFramer: turns the bytes of one stream (a file, stdin, one TCP connection, the
// datagrams of one UDP socket) into LineBatches of complete '\n'-terminated lines and
// pushes them to an EventSink; reports FramingErrors for lines it has to drop.
//
// Rules (see docs/drafts/stream.md):
// - Line numbers are 1-based and count every line of the stream, empty ones included;
//   offsets are byte offsets of a line's first byte in the stream.
// - Empty lines ("" or a lone "\r") are skipped silently. '\r' before '\n' is kept
//   (JSON parsers treat it as whitespace).
// - A line longer than maxLineBytes (not counting its '\n') is skipped up to its
//   newline and reported once, when it ends ("line exceeds 1 MiB limit"), with an
//   excerpt of at most kExcerptBytes bytes. Memory per framer stays below
//   maxLineBytes + batchBytes + one line.
// - The lines of one batch are consecutive in the stream (line i of a batch is
//   firstLine + i): a skipped line (empty or too long) ends the pending batch.
// - A batch is pushed when it reaches batchBytes; the owner calls flush() for the
//   flushIntervalMs rule and at the end. Capacity >= size + kLinePadding.
//
// Threads: not thread-safe; used by the one thread that reads the stream. The sink's
// push() may block (backpressure) and is called without any lock held here.
#pragma once

#include "core/engine/event_sink.h"
#include "core/stream/line_batch.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace vigil {

class LineFramer
{
public:
    static constexpr std::size_t kExcerptBytes = 120;

    LineFramer(EventSink &sink, std::uint32_t sourceId, std::size_t maxLineBytes, std::size_t batchBytes);

    // Prefix of FramingError messages, e.g. the peer "127.0.0.1:53412" (empty: none).
    void setContext(std::string context) { m_context = std::move(context); }
    const std::string &context() const { return m_context; }

    // Frames `bytes` (any split: a line may span many calls). arrivalNs: when they were read.
    void feed(std::string_view bytes, std::int64_t arrivalNs);
    // The same for bytes that stay valid and unchanged while `backing` lives (a mapped
    // file): whole lines go out as views into them (LineBatch::view), without copying.
    // `readableAfter`: bytes readable past the end of `bytes` (the views' padding comes
    // from the bytes after them). A line begun by feed() is finished, and a last line
    // without '\n' is kept, the copying way. Same rules, line numbers, offsets and
    // errors as feed().
    void feedShared(const std::shared_ptr<const void> &backing, std::string_view bytes, std::size_t readableAfter,
                    std::int64_t arrivalNs);
    // End of a record whose last line needs no '\n' (end of a bare file or stdin, end
    // of a datagram): a pending partial line becomes a complete line.
    void completePartialLine(std::int64_t arrivalNs);
    // The connection closed: a pending partial line is dropped and reported
    // ("connection closed mid-line"; a too-long line keeps its own report).
    // Returns true if a line was dropped (and reported).
    bool dropPartialLine(std::string_view why = "connection closed mid-line");
    // Pushes the pending batch, if any.
    void flush();
    // Starts a new stream (file truncated or rotated, new connection): drops any partial
    // line silently, flushes, and numbers lines from 1 / offset 0 again.
    void restart();

    bool hasPendingBatch() const { return m_batch.lineCount > 0; }
    bool hasPartialLine() const { return !m_partial.empty() || m_skipping; }
    std::uint64_t nextLine() const { return m_line; } // number of the line being read
    std::uint64_t offset() const { return m_offset; } // bytes framed so far

    // Totals since construction (for tests and status).
    std::uint64_t linesPushed() const { return m_linesPushed; }
    std::uint64_t batchesPushed() const { return m_batchesPushed; }
    std::uint64_t errorsReported() const { return m_errors; }

    // "1 MiB", "64 KiB" or "1000 bytes": how limits read in messages.
    static std::string formatLimit(std::size_t bytes);

private:
    void appendLine(std::string_view head, std::string_view tail, std::int64_t arrivalNs);
    void endLine(std::string_view head, std::string_view tail, std::int64_t arrivalNs);
    void addToExcerpt(std::string_view bytes);
    void endSkippedLine();
    void report(std::uint64_t line, std::uint64_t offset, std::string_view what, std::string excerpt);

    EventSink &m_sink;
    std::uint32_t m_sourceId;
    std::size_t m_maxLineBytes;
    std::size_t m_batchBytes;
    std::string m_context;

    LineBatch m_batch;
    std::string m_partial;           // bytes of the current line seen so far (< maxLineBytes)
    bool m_skipping = false;         // the current line is too long: discard up to '\n'
    std::string m_excerpt;           // first kExcerptBytes of the line being skipped
    std::uint64_t m_lineStart = 0;   // offset of the current line
    std::uint64_t m_line = 1;        // number of the current line
    std::uint64_t m_offset = 0;      // bytes consumed
    std::uint64_t m_nextInBatch = 0; // line number the next batched line must have
    std::size_t m_reserveHint = 0;   // input left in the current feed(): sizes a new batch
    bool m_lastBatchFull = false;    // the previous batch reached batchBytes: a fast stream

    std::uint64_t m_linesPushed = 0;
    std::uint64_t m_batchesPushed = 0;
    std::uint64_t m_errors = 0;
};

} // namespace vigil

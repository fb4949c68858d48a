// RecordingSink: a fake EventSink for stream tests. Records every call under a mutex
// and checks the LineBatch contract as batches arrive (lines end in '\n', lineCount
// matches, capacity >= size + kLinePadding, batch lines consecutive). Source threads
// call the EventSink side; the test thread reads copies through the accessors.
#pragma once

#include "core/engine/event_sink.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::test {

struct RecordedLine
{
    std::uint32_t sourceId = 0;
    std::uint64_t line = 0;
    std::uint64_t offset = 0;
    std::int64_t arrivalNs = 0;
    std::string text; // without the '\n'
};

class RecordingSink : public EventSink
{
public:
    std::uint32_t registerSource(const SourceInfo &info) override
    {
        std::lock_guard lock(m_mutex);
        m_infos.push_back(info);
        return static_cast<std::uint32_t>(m_infos.size());
    }

    void push(LineBatch &&batch) override
    {
        std::lock_guard lock(m_mutex);
        ++m_batches;
        m_mappedBatches += batch.mapped();
        const std::string_view b = batch.text();
        if (batch.mapped() && !batch.bytes.empty())
            m_violations.push_back("mapped batch with bytes");
        if (batch.readable() < b.size() + kLinePadding)
            m_violations.push_back("capacity below size + kLinePadding");
        if (b.empty() || b.back() != '\n') m_violations.push_back("batch does not end with a newline");
        if (static_cast<std::size_t>(std::count(b.begin(), b.end(), '\n')) != batch.lineCount)
            m_violations.push_back("lineCount does not match the newlines");
        std::size_t pos = 0;
        std::uint64_t line = batch.firstLine;
        std::uint64_t offset = batch.firstOffset;
        while (pos < b.size()) {
            const std::size_t nl = b.find('\n', pos);
            if (nl == std::string_view::npos) break;
            m_lines.push_back({batch.sourceId, line, offset, batch.arrivalNs, std::string(b.substr(pos, nl - pos))});
            offset += nl - pos + 1;
            ++line;
            pos = nl + 1;
        }
    }

    void reportFramingError(FramingError &&error) override
    {
        std::lock_guard lock(m_mutex);
        m_errors.push_back(std::move(error));
    }

    void sourceEnded(std::uint32_t sourceId, const std::string &reason) override
    {
        std::lock_guard lock(m_mutex);
        m_ended[sourceId].push_back(reason);
    }

    void sourceState(std::uint32_t sourceId, const std::string &state) override
    {
        std::lock_guard lock(m_mutex);
        m_states[sourceId].push_back(state);
    }

    std::vector<RecordedLine> lines() const
    {
        std::lock_guard lock(m_mutex);
        return m_lines;
    }
    std::size_t lineCount() const
    {
        std::lock_guard lock(m_mutex);
        return m_lines.size();
    }
    std::vector<std::string> texts() const
    {
        std::lock_guard lock(m_mutex);
        std::vector<std::string> out;
        for (const auto &l : m_lines)
            out.push_back(l.text);
        return out;
    }
    std::size_t batchCount() const
    {
        std::lock_guard lock(m_mutex);
        return m_batches;
    }
    // Batches that were views into a mapped file (LineBatch::mapped()).
    std::size_t mappedBatchCount() const
    {
        std::lock_guard lock(m_mutex);
        return m_mappedBatches;
    }
    std::vector<FramingError> errors() const
    {
        std::lock_guard lock(m_mutex);
        return m_errors;
    }
    std::size_t errorCount() const
    {
        std::lock_guard lock(m_mutex);
        return m_errors.size();
    }
    std::vector<SourceInfo> infos() const
    {
        std::lock_guard lock(m_mutex);
        return m_infos;
    }
    std::vector<std::string> violations() const
    {
        std::lock_guard lock(m_mutex);
        return m_violations;
    }
    std::vector<std::string> states(std::uint32_t id) const
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_states.find(id);
        return it == m_states.end() ? std::vector<std::string>{} : it->second;
    }
    bool hasState(std::uint32_t id, const std::string &prefix) const
    {
        for (const auto &s : states(id))
            if (s.rfind(prefix, 0) == 0) return true;
        return false;
    }
    std::vector<std::string> ended(std::uint32_t id) const
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_ended.find(id);
        return it == m_ended.end() ? std::vector<std::string>{} : it->second;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<SourceInfo> m_infos;
    std::vector<RecordedLine> m_lines;
    std::vector<FramingError> m_errors;
    std::vector<std::string> m_violations;
    std::map<std::uint32_t, std::vector<std::string>> m_states;
    std::map<std::uint32_t, std::vector<std::string>> m_ended;
    std::size_t m_batches = 0;
    std::size_t m_mappedBatches = 0;
};

} // namespace vigil::test

// libFuzzer target: any bytes as a .vcap capture. Opens them in memory in default and
// salvage mode and reads every frame; also decodes the bytes as one frame payload of
// each type. Must never crash, hang, leak or allocate beyond the format's bounds.
#include "core/capture/capture_reader.h"
#include "core/capture/capture_records.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

using namespace vigil::capture;

namespace {

void readEverything(const std::string &bytes, bool salvage)
{
    ReaderOptions options;
    options.salvage = salvage;
    auto reader = CaptureReader::openMemory(bytes, options);
    if (!reader) return;
    CaptureReader &r = **reader;
    (void)r.header();
    (void)r.cleanlyClosed();
    (void)r.series();
    (void)r.damageSummary();
    (void)r.firstMs();
    (void)r.lastMs();
    std::size_t records = 0;
    for (std::size_t i = 0; i < r.frames().size(); ++i) {
        auto f = r.read(i);
        if (f)
            records += f->records.samples.size() + f->records.events.size();
        else if (!salvage)
            break; // as a default-mode consumer does
    }
    (void)r.read(r.frames().size()); // out of range
    for (std::int64_t t : {std::numeric_limits<std::int64_t>::min(), std::int64_t(0), r.firstMs(), r.lastMs(),
                           std::numeric_limits<std::int64_t>::max()})
        if (r.frameAt(t) > r.frames().size()) __builtin_trap();
    (void)records;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char *>(data), size);
    readEverything(bytes, false);
    readEverything(bytes, true);
    // The same bytes as a raw payload: the record decoder on its own (the first byte
    // picks the frame type, the next four the record count).
    if (size >= 5) {
        const auto type = static_cast<FrameType>(data[0] % 10);
        const std::uint32_t count = std::uint32_t(data[1]) | std::uint32_t(data[2]) << 8 |
                                    std::uint32_t(data[3]) << 16 | std::uint32_t(data[4]) << 24;
        (void)decodePayload(type, std::span<const char>(bytes.data() + 5, size - 5), 1'700'000'000'000,
                            count);
    }
    return 0;
}

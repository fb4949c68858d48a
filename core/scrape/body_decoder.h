// BodyDecoder: turns the bytes of an HTTP response body, as they arrive, into the
// decoded exposition text, with gzip/deflate inflated by streaming zlib. It never
// holds more than the limit (plus one small chunk): a decompression bomb fails as
// soon as the decoded size passes the limit. One instance per response; the thread
// that feeds it owns it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace vigil {

class BodyDecoder
{
public:
    enum class Encoding { Identity, Gzip, Deflate };
    enum class Status { Ok, LimitExceeded, Error };

    BodyDecoder(Encoding encoding, std::uint64_t maxDecodedBytes);
    ~BodyDecoder();
    BodyDecoder(const BodyDecoder &) = delete;
    BodyDecoder &operator=(const BodyDecoder &) = delete;

    // "gzip", "x-gzip", "deflate", "identity" or empty; false for anything else.
    static bool encodingFromHeader(std::string_view contentEncoding, Encoding &out);

    // Appends the decoded form of `chunk`. After a non-Ok status the decoder is spent.
    Status feed(std::string_view chunk);
    // The body has ended: checks the compressed stream was complete.
    Status finish();

    std::string &output() { return m_out; }
    std::uint64_t rawBytes() const { return m_raw; }
    const std::string &error() const { return m_error; }
    void reserve(std::uint64_t bytes);

private:
    Status inflateChunk(std::string_view chunk);
    void append(const char *data, std::size_t n);

    struct Zlib;
    Encoding m_encoding;
    std::uint64_t m_limit;
    std::uint64_t m_raw = 0;
    std::string m_out;
    std::string m_error;
    std::unique_ptr<Zlib> m_z;
    bool m_streamEnded = false;
    Status m_status = Status::Ok;
};

// "64 MiB", "512 KiB", "1000 bytes": how limits appear in error messages.
std::string formatByteLimit(std::uint64_t bytes);

} // namespace vigil

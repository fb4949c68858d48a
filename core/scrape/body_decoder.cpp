#include "core/scrape/body_decoder.h"

#include "core/common/text.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace vigil {

namespace {
constexpr std::size_t kInflateChunk = 64 * 1024;

} // namespace

struct BodyDecoder::Zlib
{
    z_stream s{};
    bool initialised = false;
    char out[kInflateChunk];
    ~Zlib()
    {
        if (initialised)
            inflateEnd(&s);
    }
};

std::string formatByteLimit(std::uint64_t bytes)
{
    if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0)
        return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0)
        return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

BodyDecoder::BodyDecoder(Encoding encoding, std::uint64_t maxDecodedBytes)
    : m_encoding(encoding), m_limit(maxDecodedBytes)
{
    if (m_encoding == Encoding::Identity)
        return;
    m_z = std::make_unique<Zlib>();
    // 16+: gzip wrapper only; 15: zlib wrapper ("deflate" as HTTP means it).
    const int windowBits = m_encoding == Encoding::Gzip ? 16 + MAX_WBITS : MAX_WBITS;
    if (inflateInit2(&m_z->s, windowBits) != Z_OK) {
        m_status = Status::Error;
        m_error = "zlib initialisation failed";
        return;
    }
    m_z->initialised = true;
}

BodyDecoder::~BodyDecoder() = default;

bool BodyDecoder::encodingFromHeader(std::string_view header, Encoding &out)
{
    header = trimBlanks(header);
    if (header.empty() || equalsIgnoreCase(header, "identity")) {
        out = Encoding::Identity;
        return true;
    }
    if (equalsIgnoreCase(header, "gzip") || equalsIgnoreCase(header, "x-gzip")) {
        out = Encoding::Gzip;
        return true;
    }
    if (equalsIgnoreCase(header, "deflate")) {
        out = Encoding::Deflate;
        return true;
    }
    return false;
}

void BodyDecoder::reserve(std::uint64_t bytes)
{
    m_out.reserve(static_cast<std::size_t>(std::min(bytes, m_limit)));
}

BodyDecoder::Status BodyDecoder::feed(std::string_view chunk)
{
    if (m_status != Status::Ok)
        return m_status;
    m_raw += chunk.size();
    if (m_encoding == Encoding::Identity) {
        if (m_out.size() + chunk.size() > m_limit) {
            m_error = "body exceeds " + formatByteLimit(m_limit) + " limit";
            return m_status = Status::LimitExceeded;
        }
        append(chunk.data(), chunk.size());
        return m_status;
    }
    return m_status = inflateChunk(chunk);
}

BodyDecoder::Status BodyDecoder::inflateChunk(std::string_view chunk)
{
    z_stream &s = m_z->s;
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(chunk.data()));
    s.avail_in = static_cast<uInt>(chunk.size());
    while (s.avail_in > 0) {
        if (m_streamEnded) {
            // Concatenated gzip members (RFC 1952 allows them; Go's reader reads them all).
            if (m_encoding != Encoding::Gzip) {
                m_error = "trailing data after deflate stream";
                return Status::Error;
            }
            inflateReset(&s);
            m_streamEnded = false;
        }
        s.next_out = reinterpret_cast<Bytef *>(m_z->out);
        s.avail_out = kInflateChunk;
        const int rc = inflate(&s, Z_NO_FLUSH);
        const std::size_t produced = kInflateChunk - s.avail_out;
        if (m_out.size() + produced > m_limit) {
            m_error = "body exceeds " + formatByteLimit(m_limit) + " limit";
            return Status::LimitExceeded;
        }
        append(m_z->out, produced);
        if (rc == Z_STREAM_END) {
            m_streamEnded = true;
            continue;
        }
        if (rc == Z_BUF_ERROR && produced == 0 && s.avail_in == 0)
            break;
        if (rc != Z_OK) {
            m_error = std::string(m_encoding == Encoding::Gzip ? "gzip: " : "deflate: ")
                      + (s.msg ? s.msg : "corrupt stream");
            return Status::Error;
        }
    }
    // inflate may still hold output when the input is consumed: drain it.
    for (;;) {
        s.next_out = reinterpret_cast<Bytef *>(m_z->out);
        s.avail_out = kInflateChunk;
        const int rc = m_streamEnded ? Z_STREAM_END : inflate(&s, Z_NO_FLUSH);
        const std::size_t produced = kInflateChunk - s.avail_out;
        if (m_out.size() + produced > m_limit) {
            m_error = "body exceeds " + formatByteLimit(m_limit) + " limit";
            return Status::LimitExceeded;
        }
        append(m_z->out, produced);
        if (rc == Z_STREAM_END) {
            m_streamEnded = true;
            break;
        }
        if (produced == 0 || rc == Z_BUF_ERROR)
            break;
        if (rc != Z_OK) {
            m_error = std::string(m_encoding == Encoding::Gzip ? "gzip: " : "deflate: ")
                      + (s.msg ? s.msg : "corrupt stream");
            return Status::Error;
        }
    }
    return Status::Ok;
}

void BodyDecoder::append(const char *data, std::size_t n)
{
    // Grow by doubling but never past the limit, so a body at the limit costs the
    // limit and not the next power of two above it.
    const std::size_t need = m_out.size() + n;
    if (need > m_out.capacity())
        m_out.reserve(static_cast<std::size_t>(
            std::min<std::uint64_t>(m_limit, std::max<std::uint64_t>(need, std::uint64_t(m_out.capacity()) * 2))));
    m_out.append(data, n);
}

BodyDecoder::Status BodyDecoder::finish()
{
    if (m_status != Status::Ok)
        return m_status;
    if (m_encoding != Encoding::Identity && !m_streamEnded) {
        const std::string name = m_encoding == Encoding::Gzip ? "gzip" : "deflate";
        m_error = name + (m_raw == 0 ? ": empty body" : ": unexpected end of stream");
        return m_status = Status::Error;
    }
    return m_status;
}

} // namespace vigil

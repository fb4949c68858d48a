#include "core/expo/expo_writer.h"

#include <charconv>
#include <cmath>

namespace vigil::expo {

namespace {

// Label values escape \\, \" and \n; HELP text escapes \\ and \n.
void appendEscaped(std::string &out, std::string_view v, bool quotes)
{
    for (char c : v) {
        if (c == '\\' || (quotes && c == '"')) {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
}

} // namespace

void ExpositionWriter::family(std::string_view name, std::string_view type, std::string_view help)
{
    m_out += "# HELP ";
    m_out += name;
    m_out += ' ';
    appendEscaped(m_out, help, false);
    m_out += "\n# TYPE ";
    m_out += name;
    m_out += ' ';
    m_out += type;
    m_out += '\n';
}

void ExpositionWriter::head(std::string_view name, LabelPairs labels)
{
    m_out += name;
    if (labels.size() != 0) {
        m_out += '{';
        bool first = true;
        for (const auto &[k, v] : labels) {
            if (!first)
                m_out += ',';
            first = false;
            m_out += k;
            m_out += "=\"";
            appendEscaped(m_out, v, true);
            m_out += '"';
        }
        m_out += '}';
    }
    m_out += ' ';
}

void ExpositionWriter::sample(std::string_view name, LabelPairs labels, double value)
{
    head(name, labels);
    if (std::isnan(value)) {
        m_out += "NaN";
    } else if (std::isinf(value)) {
        m_out += value > 0 ? "+Inf" : "-Inf";
    } else {
        char buf[64];
        const auto res = std::to_chars(buf, buf + sizeof buf, value); // shortest round trip
        m_out.append(buf, res.ptr);
    }
    m_out += '\n';
}

void ExpositionWriter::sample(std::string_view name, LabelPairs labels, std::uint64_t value)
{
    head(name, labels);
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    m_out.append(buf, res.ptr);
    m_out += '\n';
}

} // namespace vigil::expo

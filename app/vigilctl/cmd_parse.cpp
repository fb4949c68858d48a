// `vigilctl parse [--format auto|prometheus|openmetrics] [--json] FILE|-`
// Parses one exposition file and prints a one-line summary or the families as JSON.
// Errors go to stderr as "FILE:LINE:COL: message" with exit code 1.
#include "app/vigilctl/commands.h"

#include "core/expo/expo_json.h"
#include "core/expo/expo_parser.h"

#include <QCommandLineParser>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::cli {

namespace {

// The whole input, mapped from a file or read from stdin.
class InputBuffer
{
public:
    ~InputBuffer()
    {
        if (m_map != nullptr)
            ::munmap(m_map, m_mapSize);
    }

    bool readStdin(std::string &error) { return readStream(stdin, error); }

    bool mapFile(const char *path, std::string &error)
    {
        const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            error = std::strerror(errno);
            return false;
        }
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            error = std::strerror(errno);
            ::close(fd);
            return false;
        }
        if (!S_ISREG(st.st_mode) || st.st_size == 0) {
            // Pipes, devices and empty files: read them like stdin.
            FILE *f = ::fdopen(fd, "rb");
            if (f == nullptr) {
                error = std::strerror(errno);
                ::close(fd);
                return false;
            }
            const bool ok = readStream(f, error);
            std::fclose(f);
            return ok;
        }
        m_mapSize = static_cast<std::size_t>(st.st_size);
        int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
        flags |= MAP_POPULATE; // one kernel pass instead of a fault per page
#endif
        void *m = ::mmap(nullptr, m_mapSize, PROT_READ, flags, fd, 0);
        ::close(fd);
        if (m == MAP_FAILED) {
            error = std::strerror(errno);
            return false;
        }
        m_map = m;
        m_view = std::string_view(static_cast<const char *>(m), m_mapSize);
        return true;
    }

    std::string_view view() const { return m_view; }

private:
    bool readStream(FILE *f, std::string &error)
    {
        std::size_t used = 0;
        m_data.resize(1 << 16);
        for (;;) {
            if (used == m_data.size())
                m_data.resize(m_data.size() * 2);
            const std::size_t n = std::fread(m_data.data() + used, 1, m_data.size() - used, f);
            used += n;
            if (n == 0) {
                if (std::ferror(f)) {
                    error = std::strerror(errno);
                    return false;
                }
                break;
            }
        }
        m_data.resize(used);
        m_view = std::string_view(m_data.data(), m_data.size());
        return true;
    }

    std::vector<char> m_data;
    void *m_map = nullptr;
    std::size_t m_mapSize = 0;
    std::string_view m_view;
};

} // namespace

int runParse(const QStringList &args)
{
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral(
        "Parse a Prometheus text format 0.0.4 or OpenMetrics 1.0 exposition and validate it\n"
        "like the Prometheus server does. Without --json, prints one line:\n"
        "  \"N families, M series, B bytes in S s (X MB/s)\" (series = samples; the time is parse time).\n"
        "On invalid input prints \"FILE:LINE:COL: message\" on stderr and exits with 1."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help and exit."));
    const QCommandLineOption formatOption(
        {QStringLiteral("f"), QStringLiteral("format")},
        QStringLiteral("Input format: 'prometheus' (text 0.0.4), 'openmetrics' (OpenMetrics 1.0, must end "
                       "with '# EOF') or 'auto' (OpenMetrics if the text ends with '# EOF' or declares a "
                       "# UNIT or an OpenMetrics-only type, else prometheus). Default: auto."),
        QStringLiteral("format"), QStringLiteral("auto"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"),
        QStringLiteral("Print the families as a JSON array in input order instead of the summary: "
                       "{\"name\",\"type\",\"help\",\"unit\"(only if present),\"samples\":[{\"name\","
                       "\"labels\":{...},\"value\": number | \"NaN\" | \"+Inf\" | \"-Inf\","
                       "\"timestamp_ms\"(only if present)}]}."));
    cli.addOption(helpOption);
    cli.addOption(formatOption);
    cli.addOption(jsonOption);
    cli.addPositionalArgument(QStringLiteral("FILE"),
                              QStringLiteral("Exposition file to parse, or '-' for standard input."));

    if (!cli.parse(args)) {
        std::fprintf(stderr, "vigilctl parse: %s\nTry 'vigilctl parse --help'.\n", qPrintable(cli.errorText()));
        return 2;
    }
    if (cli.isSet(helpOption)) {
        QString text = cli.helpText();
        // helpText() names the binary path; show the subcommand usage instead.
        const qsizetype firstLineEnd = text.indexOf(QLatin1Char('\n'));
        text.replace(0, firstLineEnd, QStringLiteral("Usage: vigilctl parse [options] FILE|-"));
        std::fputs(text.toLocal8Bit().constData(), stdout);
        return 0;
    }

    expo::Format format = expo::Format::Auto;
    const QString formatName = cli.value(formatOption);
    if (formatName == QLatin1String("prometheus"))
        format = expo::Format::Prometheus;
    else if (formatName == QLatin1String("openmetrics"))
        format = expo::Format::OpenMetrics;
    else if (formatName != QLatin1String("auto")) {
        std::fprintf(stderr, "vigilctl parse: unknown format '%s' (auto, prometheus or openmetrics)\n",
                     qPrintable(formatName));
        return 2;
    }
    const QStringList files = cli.positionalArguments();
    if (files.size() != 1) {
        std::fprintf(stderr, "vigilctl parse: expected exactly one FILE (or '-' for stdin)\n"
                             "Try 'vigilctl parse --help'.\n");
        return 2;
    }
    const QByteArray path = files.front().toLocal8Bit();

    InputBuffer input;
    std::string ioError;
    const bool isStdin = path == "-";
    if (!(isStdin ? input.readStdin(ioError) : input.mapFile(path.constData(), ioError))) {
        std::fprintf(stderr, "vigilctl parse: cannot read %s: %s\n", path.constData(), ioError.c_str());
        return 2;
    }

    // The summary needs each sample once, so it streams in cache-sized chunks; --json
    // keeps the whole result. Both apply the same rules and decode every label.
    const bool json = cli.isSet(jsonOption);
    expo::ParseResult result;
    const auto t0 = std::chrono::steady_clock::now();
    const auto error = json ? expo::parse(input.view(), format, result)
                            : expo::parseStreaming(input.view(), format, result, 16384,
                                                   [](const expo::ParseResult &) {});
    const auto t1 = std::chrono::steady_clock::now();
    if (error) {
        std::fprintf(stderr, "%s:%u:%u: %s\n", path.constData(), error->line, error->column,
                     error->message.c_str());
        return 1;
    }
    if (json) {
        expo::writeJson(result, stdout);
    } else {
        const double seconds = std::chrono::duration<double>(t1 - t0).count();
        const std::string line = expo::summaryLine(result, seconds) + '\n';
        std::fwrite(line.data(), 1, line.size(), stdout);
    }
    return std::fflush(stdout) == 0 ? 0 : 2;
}

} // namespace vigil::cli

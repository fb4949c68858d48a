// Exposition parser: decoded values of valid Prometheus 0.0.4 and OpenMetrics 1.0 input.
#include "core/expo/expo_json.h"
#include "core/expo/expo_parser.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

using namespace vigil;
using namespace vigil::expo;

namespace {

std::string labelsOf(const ParseResult &r, const SampleView &s)
{
    std::string out;
    for (std::uint32_t i = 0; i < s.labelCount; ++i) {
        const LabelView &l = r.labels[s.labelBegin + i];
        out += std::string(l.name) + '=' + std::string(l.value) + ';';
    }
    return out;
}

// "name:type:sampleCount[:help];" per family entry, in order.
std::string familiesOf(const ParseResult &r)
{
    std::string out;
    for (const FamilyView &f : r.families) {
        out += std::string(f.name) + ':' + std::string(metricTypeName(f.type, r.format)) + ':'
             + std::to_string(f.sampleCount);
        if (f.hasHelp)
            out += ':' + std::string(f.help);
        out += ';';
    }
    return out;
}

bool parseOk(std::string_view text, Format f, ParseResult &r, const ParseLimits &limits = {})
{
    const auto err = parse(text, f, r, limits);
    if (err)
        qWarning("unexpected error: %s", err->toString().c_str());
    return !err;
}

#define S(x) std::string_view(x)

} // namespace

class TestExpoParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void promCounterWithMetadata()
    {
        ParseResult r;
        QVERIFY(parseOk("# HELP http_requests_total The total.\n"
                        "# TYPE http_requests_total counter\n"
                        "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
                        "http_requests_total{method=\"post\",code=\"400\"}    3 1395066363000\n",
                        Format::Prometheus, r));
        QCOMPARE(r.format, Format::Prometheus);
        QCOMPARE(r.families.size(), 1u);
        const FamilyView &f = r.families[0];
        QCOMPARE(f.name, S("http_requests_total"));
        QCOMPARE(f.type, MetricType::Counter);
        QCOMPARE(f.help, S("The total."));
        QVERIFY(f.hasHelp);
        QCOMPARE(f.sampleBegin, 0u);
        QCOMPARE(f.sampleCount, 2u);
        QCOMPARE(r.samples.size(), 2u);
        QCOMPARE(r.samples[0].name, S("http_requests_total"));
        QCOMPARE(labelsOf(r, r.samples[0]), std::string("method=post;code=200;"));
        QCOMPARE(r.samples[0].value, 1027.0);
        QVERIFY(r.samples[0].hasTimestamp);
        QCOMPARE(r.samples[0].timestampMs, std::int64_t(1395066363000));
        QCOMPARE(r.samples[0].line, 3u);
        QCOMPARE(r.samples[1].value, 3.0);
        QCOMPARE(labelsOf(r, r.samples[1]), std::string("method=post;code=400;"));
        QCOMPARE(r.samples[1].exemplar, -1);
    }

    void promEscapes()
    {
        ParseResult r;
        QVERIFY(parseOk("# HELP m Help with \\\\ and \\n and \\\" kept.\n"
                        "m{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find:\\n\\\"F\\\"\",odd=\"a\\tb\"} 1\n",
                        Format::Prometheus, r));
        QCOMPARE(r.families[0].help, S("Help with \\ and \n and \\\" kept."));
        QCOMPARE(r.labels[0].value, S("C:\\DIR\\FILE.TXT"));
        QCOMPARE(r.labels[1].value, S("Cannot find:\n\"F\""));
        QCOMPARE(r.labels[2].value, S("a\\tb")); // unknown escapes stay as written
    }

    void promHelpWhitespace()
    {
        ParseResult r;
        QVERIFY(parseOk("# HELP a\n# HELP b  two spaces\n#HELP c not metadata\n# other comment\n"
                        "\t# TYPE d gauge\nd 1\n",
                        Format::Prometheus, r));
        QCOMPARE(r.families.size(), 3u);
        QCOMPARE(r.families[0].help, S(""));
        QVERIFY(r.families[0].hasHelp);
        QCOMPARE(r.families[1].help, S(" two spaces"));
        QCOMPARE(r.families[2].type, MetricType::Gauge);
        QCOMPARE(r.families[2].sampleCount, 1u);
    }

    void promHistogramAndSummary()
    {
        ParseResult r;
        QVERIFY(parseOk("# TYPE h histogram\n"
                        "h_bucket{le=\"0.05\"} 24054\nh_bucket{le=\"+Inf\"} 144320\nh_sum 53423\nh_count 144320\n"
                        "# TYPE s summary\n"
                        "s{quantile=\"0.5\"} 4773\ns_sum 1.7560473e+07\ns_count 2693\n"
                        "u_bucket 1\nu_count 2\n",
                        Format::Prometheus, r));
        QCOMPARE(r.families.size(), 4u);
        QCOMPARE(r.families[0].name, S("h"));
        QCOMPARE(r.families[0].type, MetricType::Histogram);
        QCOMPARE(r.families[0].sampleCount, 4u);
        QCOMPARE(r.samples[2].name, S("h_sum"));
        QCOMPARE(r.samples[2].family, 0u);
        QCOMPARE(r.families[1].name, S("s"));
        QCOMPARE(r.families[1].type, MetricType::Summary);
        QCOMPARE(r.families[1].sampleCount, 3u);
        QCOMPARE(r.samples[5].value, 1.7560473e+07);
        // Without a TYPE the suffixed names are families of their own.
        QCOMPARE(r.families[2].name, S("u_bucket"));
        QCOMPARE(r.families[2].type, MetricType::Untyped);
        QCOMPARE(r.families[3].name, S("u_count"));
    }

    void promNumbers_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<quint64>("bits");
        auto bits = [](double d) { return quint64(std::bit_cast<std::uint64_t>(d)); };
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("int") << QByteArray("42") << bits(42);
        QTest::newRow("big int") << QByteArray("12345678901234567890") << bits(12345678901234567890.0);
        QTest::newRow("plus") << QByteArray("+3") << bits(3);
        QTest::newRow("neg zero") << QByteArray("-0") << bits(-0.0);
        QTest::newRow("frac") << QByteArray("0.1") << bits(0.1);
        QTest::newRow("lead dot") << QByteArray(".5") << bits(0.5);
        QTest::newRow("trail dot") << QByteArray("5.") << bits(5.0);
        QTest::newRow("exp") << QByteArray("1.458255915e9") << bits(1.458255915e9);
        QTest::newRow("EXP neg") << QByteArray("-1.5E-3") << bits(-1.5e-3);
        QTest::newRow("max") << QByteArray("1.7976931348623157e308") << bits(1.7976931348623157e308);
        QTest::newRow("denormal") << QByteArray("5e-324") << bits(5e-324);
        QTest::newRow("underflow") << QByteArray("1e-400") << bits(0.0);
        QTest::newRow("+Inf") << QByteArray("+Inf") << bits(inf);
        QTest::newRow("-Inf") << QByteArray("-Inf") << bits(-inf);
        QTest::newRow("inf") << QByteArray("inf") << bits(inf);
        QTest::newRow("Infinity") << QByteArray("-Infinity") << bits(-inf);
        QTest::newRow("INF") << QByteArray("INF") << bits(inf);
    }
    void promNumbers()
    {
        QFETCH(QByteArray, text);
        QFETCH(quint64, bits);
        const std::string input = "m " + text.toStdString() + "\n";
        ParseResult r;
        QVERIFY(parseOk(input, Format::Prometheus, r));
        QCOMPARE(quint64(std::bit_cast<std::uint64_t>(r.samples[0].value)), bits);
        // The same number in OpenMetrics.
        QVERIFY(parseOk(input + "# EOF\n", Format::OpenMetrics, r));
        QCOMPARE(quint64(std::bit_cast<std::uint64_t>(r.samples[0].value)), bits);
    }

    void nanValues()
    {
        ParseResult r;
        QVERIFY(parseOk("a NaN\nb nan\nc{} NAN\n", Format::Prometheus, r));
        QCOMPARE(r.samples.size(), 3u);
        for (const SampleView &s : r.samples)
            QVERIFY(std::isnan(s.value));
    }

    void promLayout()
    {
        // CRLF, blank and blank-only lines, tabs, {} , trailing comma, missing final newline.
        // (Blanks before a sample and negative timestamps are errors: tst_expo_errors.)
        ParseResult r;
        const std::string_view text = "\r\n  \t \na{} 1\r\n"
                                      "b{x=\"1\",} 2\n"
                                      "c { x = \"1\" , y=\"2\" }\t3\t 4 \n"
                                      "d{x=\"1\" y=\"2\"} 5\n"
                                      "e 6 7";
        QVERIFY(parseOk(text, Format::Prometheus, r));
        QCOMPARE(r.samples.size(), 5u);
        QCOMPARE(r.samples[0].name, S("a"));
        QCOMPARE(r.samples[0].labelCount, 0u);
        QCOMPARE(r.samples[0].value, 1.0);
        QCOMPARE(r.samples[0].line, 3u);
        QCOMPARE(labelsOf(r, r.samples[1]), std::string("x=1;"));
        QCOMPARE(labelsOf(r, r.samples[2]), std::string("x=1;y=2;"));
        QCOMPARE(r.samples[2].value, 3.0);
        QCOMPARE(r.samples[2].timestampMs, std::int64_t(4));
        QCOMPARE(labelsOf(r, r.samples[3]), std::string("x=1;y=2;"));
        QCOMPARE(r.samples[4].value, 6.0);
        QCOMPARE(r.samples[4].timestampMs, std::int64_t(7));
        QCOMPARE(r.samples[4].line, 7u);
        QCOMPARE(r.bytes, std::uint64_t(text.size()));
    }

    void promRawNewlineAndGluedValue()
    {
        // As the Prometheus lexer: a raw newline is part of a 0.0.4 label value (the
        // sample goes on on the next line), and a value may follow the name unspaced.
        ParseResult r;
        QVERIFY(parseOk("x{a=\"b\n\nc\",d=\"\n\",e=\"\\\\f\ng\"} 1 2\ny-1\nz+1 3\n", Format::Prometheus, r));
        QCOMPARE(r.samples.size(), 3u);
        QCOMPARE(labelsOf(r, r.samples[0]), std::string("a=b\n\nc;d=\n;e=\\f\ng;"));
        QCOMPARE(r.samples[0].value, 1.0);
        QCOMPARE(r.samples[0].timestampMs, std::int64_t(2));
        QCOMPARE(r.samples[0].line, 1u);
        QCOMPARE(r.samples[1].name, S("y"));
        QCOMPARE(r.samples[1].value, -1.0);
        QCOMPARE(r.samples[1].line, 6u);
        QCOMPARE(r.samples[2].name, S("z"));
        QCOMPARE(r.samples[2].value, 1.0);
        QCOMPARE(r.samples[2].timestampMs, std::int64_t(3));
        QCOMPARE(familiesOf(r), std::string("x:untyped:1;y:untyped:1;z:untyped:1;"));
        // The value runs into a last line without a newline.
        QVERIFY(parseOk("a 1\nx{a=\"b\nc\"} 4", Format::Prometheus, r));
        QCOMPARE(labelsOf(r, r.samples[1]), std::string("a=b\nc;"));
        QCOMPARE(r.samples[1].value, 4.0);
        QCOMPARE(r.labels.size(), 1u);
    }

    void promRepeatedAndLateMetadata()
    {
        // Prometheus accepts these. A HELP/TYPE updates the entry of its name still
        // without samples, else starts a new entry that later samples of the name join.
        ParseResult r;
        QVERIFY(parseOk("# TYPE x counter\n# TYPE x gauge\n", Format::Prometheus, r));
        QCOMPARE(familiesOf(r), std::string("x:gauge:0;"));
        QVERIFY(parseOk("# HELP x a\n# HELP x b\n", Format::Prometheus, r));
        QCOMPARE(familiesOf(r), std::string("x:untyped:0:b;"));
        QVERIFY(parseOk("# TYPE x counter\nx 1\ny 1\n# TYPE x gauge\n", Format::Prometheus, r));
        QCOMPARE(familiesOf(r), std::string("x:counter:1;y:untyped:1;x:gauge:0;"));
        QVERIFY(parseOk("x 1\n# TYPE x counter\n", Format::Prometheus, r));
        QCOMPARE(familiesOf(r), std::string("x:untyped:1;x:counter:0;"));
        QVERIFY(parseOk("x 1\ny 2\n# TYPE x counter\nx 3\n", Format::Prometheus, r));
        QCOMPARE(familiesOf(r), std::string("x:untyped:1;y:untyped:1;x:counter:1;"));
        QCOMPARE(r.samples[2].family, 2u);
        QCOMPARE(r.samples[2].value, 3.0);
        QVERIFY(parseOk("# TYPE h histogram\nh_sum 1\n# HELP h late\nh_count 2\n", Format::Prometheus, r));
        QCOMPARE(familiesOf(r), std::string("h:histogram:1;h:histogram:1:late;"));
        QCOMPARE(r.families[1].sampleBegin, 1u);
    }

    void repeatedLabelNames()
    {
        // Like Prometheus, a label name with an empty value is dropped with every other
        // label of that name before names must be unique. A lone empty value is kept.
        ParseResult r;
        QVERIFY(parseOk("x{a=\"\",a=\"1\"} 1\nx{a=\"\",a=\"\"} 2\n"
                        "x{a=\"1\",b=\"2\",a=\"\",a=\"3\"} 3\nx{a=\"1\",b=\"2\",a=\"\",a=\"3\"} 4\n"
                        "x{b=\"5\"} 5\nx{a=\"\"} 6\n",
                        Format::Prometheus, r));
        QCOMPARE(r.samples.size(), 6u);
        QCOMPARE(r.samples[0].labelCount, 0u);
        QCOMPARE(r.samples[1].labelCount, 0u);
        QCOMPARE(labelsOf(r, r.samples[2]), std::string("b=2;"));
        QCOMPARE(labelsOf(r, r.samples[3]), std::string("b=2;"));
        QCOMPARE(labelsOf(r, r.samples[4]), std::string("b=5;"));
        QCOMPARE(labelsOf(r, r.samples[5]), std::string("a=;"));
        QCOMPARE(r.labels.size(), 4u);
        QVERIFY(parseOk("x{a=\"1\",a=\"\"} 1\n# EOF\n", Format::OpenMetrics, r));
        QCOMPARE(r.samples[0].labelCount, 0u);
    }

    void utf8LabelValues()
    {
        ParseResult r;
        QVERIFY(parseOk("m{a=\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80\",b=\"\\\\\xc3\xa9\"} 1\n", Format::Prometheus, r));
        QCOMPARE(r.labels[0].value, S("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"));
        QCOMPARE(r.labels[1].value, S("\\\xc3\xa9"));
    }

    void labelValuesAtBufferEnd()
    {
        // Values of every length ending right at the end of the input, with and
        // without escapes: exercises the vector scan's tail handling.
        for (int len = 0; len < 40; ++len) {
            for (const bool escape : {false, true}) {
                std::string v(static_cast<std::size_t>(len), 'v');
                std::string decoded = v;
                if (escape && len > 0) {
                    v.back() = 'n';
                    v.insert(v.size() - 1, "\\");
                    decoded.back() = '\n';
                }
                for (const char *tail : {"", "\n"}) {
                    const std::string text = "m{k=\"" + v + "\"} 1" + tail;
                    ParseResult r;
                    QVERIFY2(parseOk(text, Format::Prometheus, r), text.c_str());
                    QCOMPARE(r.labels[0].value, std::string_view(decoded));
                    // Parse from a buffer whose end is the end of the label line.
                    const std::string cut = "m{k=\"" + v + "\"} 1";
                    std::unique_ptr<char[]> exact(new char[cut.size()]);
                    std::memcpy(exact.get(), cut.data(), cut.size());
                    QVERIFY(parseOk(std::string_view(exact.get(), cut.size()), Format::Prometheus, r));
                    QCOMPARE(r.labels[0].value, std::string_view(decoded));
                }
            }
        }
    }

    void openMetricsFull()
    {
        ParseResult r;
        QVERIFY(parseOk("# TYPE acme_seconds summary\n"
                        "# UNIT acme_seconds seconds\n"
                        "# HELP acme_seconds Latency of \\\"ACME\\\" \\\\ routers\\n.\n"
                        "acme_seconds_sum{path=\"/a\"} 9036.32\n"
                        "acme_seconds_count{path=\"/a\"} 807283.0\n"
                        "acme_seconds_created{path=\"/a\"} 1605281325.0\n"
                        "# TYPE cpu counter\n"
                        "cpu_total 4.2e+06 1520430000.123 # {trace_id=\"KOO5S4vxi0o\"} 0.67 1520879607.789\n"
                        "cpu_total{a=\"b\"} 1 # {} 2\n"
                        "cpu_created 1520430000\n"
                        "# EOF\n",
                        Format::OpenMetrics, r));
        QCOMPARE(r.format, Format::OpenMetrics);
        QCOMPARE(r.families.size(), 2u);
        const FamilyView &a = r.families[0];
        QCOMPARE(a.name, S("acme_seconds"));
        QCOMPARE(a.type, MetricType::Summary);
        QCOMPARE(a.unit, S("seconds"));
        QCOMPARE(a.help, S("Latency of \"ACME\" \\ routers\n."));
        QCOMPARE(a.sampleCount, 3u);
        QCOMPARE(r.samples[2].name, S("acme_seconds_created"));
        QCOMPARE(r.samples[2].value, 1605281325.0);
        const FamilyView &c = r.families[1];
        QCOMPARE(c.type, MetricType::Counter);
        QCOMPARE(c.sampleCount, 3u);
        const SampleView &s = r.samples[3];
        QCOMPARE(s.name, S("cpu_total"));
        QCOMPARE(s.value, 4.2e6);
        QVERIFY(s.hasTimestamp);
        QCOMPARE(s.timestampMs, std::int64_t(1520430000123));
        QCOMPARE(s.labelCount, 0u);
        QCOMPARE(s.exemplar, 0);
        const Exemplar &e = r.exemplars[0];
        QCOMPARE(e.labelCount, 1u);
        QCOMPARE(r.labels[e.labelBegin].name, S("trace_id"));
        QCOMPARE(r.labels[e.labelBegin].value, S("KOO5S4vxi0o"));
        QCOMPARE(e.value, 0.67);
        QVERIFY(e.timestampSeconds.has_value());
        QCOMPARE(*e.timestampSeconds, 1520879607.789);
        const SampleView &s2 = r.samples[4];
        QVERIFY(!s2.hasTimestamp);
        QCOMPARE(labelsOf(r, s2), std::string("a=b;"));
        QCOMPARE(s2.exemplar, 1);
        QCOMPARE(r.exemplars[1].labelCount, 0u);
        QCOMPARE(r.exemplars[1].value, 2.0);
        QVERIFY(!r.exemplars[1].timestampSeconds.has_value());
        QCOMPARE(r.samples[5].name, S("cpu_created"));
    }

    void openMetricsTypes()
    {
        ParseResult r;
        QVERIFY(parseOk("# TYPE g gauge\ng 1\n"
                        "# TYPE q gaugehistogram\nq_bucket{le=\"1\"} 3\nq_bucket{le=\"+Inf\"} 5\nq_gcount 5\nq_gsum -Inf\n"
                        "# TYPE i info\ni_info{version=\"1.2\"} 1\n"
                        "# TYPE st stateset\nst{st=\"a\"} 1\nst{st=\"b\"} 0\n"
                        "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 0.5\nh_created 10\n"
                        "# TYPE u unknown\nu 3\n"
                        "free 4 0\n"
                        "# HELP empty_family Only help.\n"
                        "# EOF",
                        Format::OpenMetrics, r));
        const MetricType expected[] = {MetricType::Gauge,     MetricType::GaugeHistogram, MetricType::Info,
                                       MetricType::StateSet,  MetricType::Histogram,      MetricType::Untyped,
                                       MetricType::Untyped,   MetricType::Untyped};
        QCOMPARE(r.families.size(), std::size(expected));
        for (std::size_t i = 0; i < std::size(expected); ++i)
            QCOMPARE(r.families[i].type, expected[i]);
        QCOMPARE(r.families[1].sampleCount, 4u);
        QVERIFY(std::isinf(r.samples[4].value) && r.samples[4].value < 0);
        QCOMPARE(r.samples[5].name, S("i_info"));
        QCOMPARE(r.families[6].name, S("free"));
        QCOMPARE(r.samples.back().timestampMs, std::int64_t(0));
        QVERIFY(r.samples.back().hasTimestamp);
        QCOMPARE(r.families[7].name, S("empty_family"));
        QCOMPARE(r.families[7].sampleCount, 0u);
        QCOMPARE(r.families[7].help, S("Only help."));
        QCOMPARE(metricTypeName(MetricType::Untyped, Format::OpenMetrics), S("unknown"));
        QCOMPARE(metricTypeName(MetricType::Untyped, Format::Prometheus), S("untyped"));
        QCOMPARE(metricTypeName(MetricType::GaugeHistogram, Format::OpenMetrics), S("gaugehistogram"));
        QCOMPARE(metricTypeName(MetricType::StateSet, Format::OpenMetrics), S("stateset"));
    }

    void openMetricsTimestamps()
    {
        ParseResult r;
        QVERIFY(parseOk("a 1 1.5\na 2 -0.0015\na 3 1e3\n# EOF\r\n", Format::OpenMetrics, r));
        QCOMPARE(r.samples[0].timestampMs, std::int64_t(1500));
        QCOMPARE(r.samples[1].timestampMs, std::int64_t(-1)); // truncated like Prometheus
        QCOMPARE(r.samples[2].timestampMs, std::int64_t(1000000));
    }

    void openMetricsOrderNotEnforced()
    {
        // Prometheus accepts interleaved families and repeated or late metadata; family
        // entries follow the same rule as in 0.0.4.
        ParseResult r;
        QVERIFY(parseOk("a 1\nb 1\na 2\n# EOF\n", Format::OpenMetrics, r));
        QCOMPARE(familiesOf(r), std::string("a:unknown:1;b:unknown:1;a:unknown:1;"));
        QVERIFY(parseOk("# TYPE a counter\na_total 1\nb 1\na_total 2\n# EOF\n", Format::OpenMetrics, r));
        QCOMPARE(familiesOf(r), std::string("a:counter:1;b:unknown:1;a:counter:1;"));
        QCOMPARE(r.samples[2].name, S("a_total"));
        QVERIFY(parseOk("a 1\nb 1\n# TYPE a gauge\n# EOF\n", Format::OpenMetrics, r));
        QCOMPARE(familiesOf(r), std::string("a:unknown:1;b:unknown:1;a:gauge:0;"));
        QVERIFY(parseOk("# TYPE x counter\nx_total 1\n# HELP x h\n# EOF\n", Format::OpenMetrics, r));
        QCOMPARE(familiesOf(r), std::string("x:counter:1;x:counter:0:h;"));
        QVERIFY(parseOk("# TYPE x counter\n# TYPE x gauge\n# EOF\n", Format::OpenMetrics, r));
        QCOMPARE(familiesOf(r), std::string("x:gauge:0;"));
        QVERIFY(parseOk("# UNIT x_s s\n# UNIT x_s s\n# EOF\n", Format::OpenMetrics, r));
        QCOMPARE(familiesOf(r), std::string("x_s:unknown:0;"));
        QCOMPARE(r.families[0].unit, S("s"));
    }

    void openMetricsNamesNotCheckedAgainstType()
    {
        // Prometheus does not check sample names, le or stateset labels against the
        // TYPE. The bare name joins its family; a suffix the type lacks starts its own.
        const char *cases[][2] = {
            {"# TYPE x counter\nx 1\n", "x:counter:1;"},
            {"# TYPE x histogram\nx_total 1\n", "x:histogram:0;x_total:unknown:1;"},
            {"# TYPE x gauge\nx_count 1\n", "x:gauge:0;x_count:unknown:1;"},
            {"# TYPE x info\nx 1\n", "x:info:1;"},
            {"# TYPE h histogram\nh_bucket 1\n", "h:histogram:1;"},
            {"# TYPE s stateset\ns{a=\"x\"} 1\n", "s:stateset:1;"},
            {"# TYPE q gaugehistogram\nq 1\n", "q:gaugehistogram:1;"},
            {"# TYPE u unknown\nu_total 1\n", "u:unknown:0;u_total:unknown:1;"},
        };
        for (const auto &c : cases) {
            const std::string text = std::string(c[0]) + "# EOF\n"; // outlives r's views
            ParseResult r;
            QVERIFY2(parseOk(text, Format::OpenMetrics, r), c[0]);
            QCOMPARE(QString::fromStdString(familiesOf(r)), QString::fromUtf8(c[1]));
        }
    }

    void openMetricsExemplarNames()
    {
        // Exemplars on any *_total or *_bucket sample, whatever the TYPE; their label
        // names are not checked for repeats (as Prometheus).
        ParseResult r;
        QVERIFY(parseOk("# TYPE g_total gauge\ng_total 1 # {a=\"1\"} 2\n"
                        "x_bucket{le=\"1\"} 1 # {a=\"1\",a=\"2\"} 3\n# EOF\n",
                        Format::OpenMetrics, r));
        QCOMPARE(r.exemplars.size(), 2u);
        QCOMPARE(r.samples[0].exemplar, 0);
        QCOMPARE(r.exemplars[1].labelCount, 2u);
        QCOMPARE(r.labels[r.exemplars[1].labelBegin + 1].value, S("2"));
        QCOMPARE(r.exemplars[1].value, 3.0);
    }

    void contentTypes()
    {
        QCOMPARE(formatFromContentType("application/openmetrics-text; version=1.0.0; charset=utf-8"),
                 Format::OpenMetrics);
        QCOMPARE(formatFromContentType("application/openmetrics-text;version=0.0.1"), Format::OpenMetrics);
        QCOMPARE(formatFromContentType("text/plain; version=0.0.4; charset=utf-8"), Format::Prometheus);
        QCOMPARE(formatFromContentType("Text/Plain"), Format::Prometheus);
        QCOMPARE(formatFromContentType("text/plain; version=1.0"), Format::Auto);
        QCOMPARE(formatFromContentType("application/json"), Format::Auto);
        QCOMPARE(formatFromContentType(""), Format::Auto);
    }

    void sniffing()
    {
        QCOMPARE(sniffFormat("a 1\n# EOF\n"), Format::OpenMetrics);
        QCOMPARE(sniffFormat("a 1\n# EOF"), Format::OpenMetrics);
        QCOMPARE(sniffFormat("# EOF\r\n"), Format::OpenMetrics);
        QCOMPARE(sniffFormat("# TYPE a unknown\na 1\n"), Format::OpenMetrics);
        QCOMPARE(sniffFormat("# UNIT a_s s\n"), Format::OpenMetrics);
        QCOMPARE(sniffFormat("# TYPE a counter\na 1\n"), Format::Prometheus);
        QCOMPARE(sniffFormat("a 1 # EOF\n"), Format::Prometheus);
        QCOMPARE(sniffFormat(""), Format::Prometheus);
        ParseResult r;
        QVERIFY(parseOk("a_total 1\n# EOF\n", Format::Auto, r));
        QCOMPARE(r.format, Format::OpenMetrics);
        QVERIFY(parseOk("a 1\n", Format::Auto, r));
        QCOMPARE(r.format, Format::Prometheus);
    }

    void reuseAndEmpty()
    {
        ParseResult r;
        QVERIFY(parseOk("a{x=\"\\\\\"} 1\nb 2\n", Format::Prometheus, r));
        QCOMPARE(r.samples.size(), 2u);
        QVERIFY(parseOk("c 3\n", Format::Prometheus, r));
        QCOMPARE(r.samples.size(), 1u);
        QCOMPARE(r.families.size(), 1u);
        QCOMPARE(r.labels.size(), 0u);
        QCOMPARE(r.samples[0].name, S("c"));
        QVERIFY(parseOk("", Format::Prometheus, r));
        QCOMPARE(r.families.size(), 0u);
        QVERIFY(parseOk("# EOF\n", Format::OpenMetrics, r));
        QCOMPARE(r.samples.size(), 0u);
        QCOMPARE(r.store("abc"), S("abc"));
    }

    void limitsWithinBounds()
    {
        ParseLimits limits;
        limits.maxSamples = 2;
        limits.maxLabelsPerSeries = 2;
        limits.maxLabelValueBytes = 3;
        ParseResult r;
        QVERIFY(parseOk("a{x=\"abc\",y=\"\\\\\\\\\\\\\"} 1\nb 2\n", Format::Prometheus, r, limits));
        QCOMPARE(r.labels[1].value, S("\\\\\\"));
    }

    void streaming()
    {
        std::string text = "# TYPE h histogram\n";
        for (int i = 0; i < 10; ++i)
            text += "h_bucket{le=\"" + std::to_string(i) + "\",i=\"\\\\" + std::to_string(i) + "\"} " + std::to_string(i) + "\n";
        text += "h_sum 1\nh_count 10\nz 1\n";
        ParseResult full;
        QVERIFY(parseOk(text, Format::Prometheus, full));
        ParseResult r;
        std::vector<std::size_t> chunks;
        std::vector<std::string> seen;
        const auto err = parseStreaming(text, Format::Prometheus, r, 4, [&](const ParseResult &c) {
            chunks.push_back(c.samples.size());
            for (const SampleView &s : c.samples)
                seen.push_back(std::string(s.name) + labelsOf(c, s));
        });
        QVERIFY(!err);
        QCOMPARE(chunks, (std::vector<std::size_t>{4, 4, 4, 1}));
        QCOMPARE(r.totalSamples(), std::uint64_t(13));
        QCOMPARE(r.families.size(), 2u);
        QCOMPARE(r.families[0].sampleCount, 12u);
        QCOMPARE(r.families[1].sampleBegin, 12u);
        QCOMPARE(seen.size(), full.samples.size());
        for (std::size_t i = 0; i < seen.size(); ++i)
            QCOMPARE(seen[i], std::string(full.samples[i].name) + labelsOf(full, full.samples[i]));
    }

    void jsonOutput()
    {
        ParseResult r;
        QVERIFY(parseOk("# HELP m A \"help\".\n# TYPE m gauge\n"
                        "m{a=\"x\\ny\",b=\"tab\there\",c=\"\x01\"} 0.1 5\nm NaN\nm +Inf\nm -Inf\nm -0\nm 1e21\n",
                        Format::Prometheus, r));
        const std::string json = toJson(r);
        const std::string expected =
            "[\n{\"name\":\"m\",\"type\":\"gauge\",\"help\":\"A \\\"help\\\".\",\"samples\":["
            "{\"name\":\"m\",\"labels\":{\"a\":\"x\\ny\",\"b\":\"tab\\there\",\"c\":\"\\u0001\"},\"value\":0.1,"
            "\"timestamp_ms\":5},"
            "{\"name\":\"m\",\"labels\":{},\"value\":\"NaN\"},"
            "{\"name\":\"m\",\"labels\":{},\"value\":\"+Inf\"},"
            "{\"name\":\"m\",\"labels\":{},\"value\":\"-Inf\"},"
            "{\"name\":\"m\",\"labels\":{},\"value\":-0},"
            "{\"name\":\"m\",\"labels\":{},\"value\":1e+21}]}\n]\n";
        QCOMPARE(json, expected);
        QCOMPARE(toJson(ParseResult()), std::string("[]\n"));
        QVERIFY(summaryLine(r, 0.5).rfind("1 families, 6 series, ", 0) == 0);
    }

    void errorToString()
    {
        ParseError e;
        e.line = 812;
        e.column = 14;
        e.message = "invalid label name";
        QCOMPARE(e.toString(), std::string("line 812 col 14: invalid label name"));
    }
};

QTEST_GUILESS_MAIN(TestExpoParser)
#include "tst_expo_parser.moc"

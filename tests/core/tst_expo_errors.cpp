// Exposition parser: invalid input is rejected at the right line and column with
// the rule broken, and ParseLimits breaches name the limit.
#include "core/expo/expo_parser.h"

#include <QTest>

#include <string>

using namespace vigil;
using namespace vigil::expo;

Q_DECLARE_METATYPE(vigil::expo::Format)

class TestExpoErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invalid_data()
    {
        QTest::addColumn<Format>("format");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        const Format P = Format::Prometheus;
        const Format O = Format::OpenMetrics;
        auto row = [](const char *name, Format f, const QByteArray &t, int l, int c, const char *m) {
            QTest::newRow(name) << f << t << l << c << QString::fromUtf8(m);
        };
        // Prometheus text 0.0.4
        row("bad metric name", P, "1abc 1\n", 1, 1, "invalid metric name");
        row("metric name char", P, "ab-c 1\n", 1, 3, "invalid metric name");
        row("bad label name", P, "x{1a=\"b\"} 1\n", 1, 3, "invalid label name");
        row("lone comma", P, "x{,} 1\n", 1, 3, "invalid label name");
        row("label name char", P, "x{a-b=\"1\"} 1\n", 1, 4, "expected '=' after label name");
        row("duplicate label", P, "x{a=\"b\",a=\"c\"} 1\n", 1, 9, "duplicate label name");
        row("bad utf8", P, "x{a=\"\xff\"} 1\n", 1, 6, "invalid UTF-8 in label value");
        row("overlong utf8", P, "x{a=\"ok\xc0\xaf\"} 1\n", 1, 8, "invalid UTF-8 in label value");
        row("surrogate", P, "x{a=\"\xed\xa0\x80\"} 1\n", 1, 6, "invalid UTF-8 in label value");
        row("truncated utf8", P, "x{a=\"\xe2\x82\"} 1\n", 1, 6, "invalid UTF-8 in label value");
        row("unterminated value", P, "x{a=\"b} 1\n", 1, 5, "unterminated label value");
        row("unterminated set", P, "x{a=\"b\"\n", 1, 8, "unterminated label set");
        row("missing equal", P, "x{a} 1\n", 1, 4, "expected '=' after label name");
        row("unquoted value", P, "x{a=b} 1\n", 1, 5, "expected quoted label value");
        row("no value", P, "x\n", 1, 2, "expected value after metric");
        row("no value after labels", P, "x{} \n", 1, 5, "expected value after metric");
        row("bad value", P, "x abc\n", 1, 3, "invalid value");
        row("overflow", P, "x 1e400\n", 1, 3, "value out of range");
        row("hex float", P, "x 0x1p3\n", 1, 3, "invalid value");
        row("underscore", P, "x 1_000\n", 1, 3, "invalid value");
        row("signed nan", P, "x -NaN\n", 1, 3, "invalid value");
        row("bad timestamp", P, "x 1 12a\n", 1, 5, "invalid timestamp");
        row("float timestamp", P, "x 1 1.5\n", 1, 5, "invalid timestamp");
        row("timestamp range", P, "x 1 99999999999999999999\n", 1, 5, "timestamp out of range");
        row("extra token", P, "x 1 2 3\n", 1, 7, "unexpected text after timestamp");
        row("bad type", P, "# TYPE x foo\n", 1, 10, "invalid metric type \"foo\"");
        row("om type in 0.0.4", P, "# TYPE x unknown\n", 1, 10, "invalid metric type");
        row("leading blank", P, "   x 1\n", 1, 1, "blank before metric name");
        row("leading tab later", P, "x 1\n\ty{a=\"1\"} 2\n", 2, 1, "blank before metric name");
        row("negative timestamp", P, "x 1 -7\n", 1, 5, "invalid timestamp \"-7\": 0.0.4 timestamps are unsigned");
        row("negative zero timestamp", P, "x 1 -0\n", 1, 5, "invalid timestamp \"-0\"");
        row("plus timestamp", P, "x 1 +7\n", 1, 5, "invalid timestamp \"+7\"");
        row("glued invalid value", P, "x-a\n", 1, 2, "invalid metric name");
        row("name label", P, "x{__name__=\"y\"} 1\n", 1, 3, "label name \"__name__\" is not unique");
        row("empty name label", P, "x{b=\"1\",__name__=\"\"} 1\n", 1, 9,
            "with an empty value removes the metric name");
        row("duplicate other empty", P, "x{a=\"1\",a=\"2\",b=\"\"} 1\n", 1, 9, "duplicate label name \"a\"");
        row("duplicate before raw newline", P, "x{a=\"1\",a=\"b\nc\"} 1\n", 1, 9, "duplicate label name \"a\"");
        row("error after raw newline", P, "x{a=\"b\nc\",1=\"2\"} 1\n", 2, 4, "invalid label name");
        row("line after raw newline", P, "x{a=\"b\n\nc\"} 1\ny{ 2\nz 3\n", 4, 4, "invalid label name");
        row("raw newline unterminated", P, "x{a=\"b\nc} 1\ny 2\n", 1, 5, "unterminated label value");
        row("raw newline no final newline", P, "x{a=\"b\nc\"} ", 2, 5, "expected value after metric");
        row("escaped raw newline", P, "x{a=\"b\\\nc\"} 1\n", 1, 5, "unterminated label value");
        row("help without name", P, "# HELP  \n", 1, 9, "expected metric name after HELP");
        row("type bad name", P, "# TYPE 1x counter\n", 1, 8, "expected metric name after TYPE");
        row("help bad utf8", P, "# HELP x \xc3\n", 1, 10, "help text is not valid UTF-8");
        row("crlf error", P, "x 1\r\ny{a=b} 1\r\n", 2, 5, "expected quoted label value");
        row("error on third line", P, "ok 1\nx{a=\"1\"} 1\nbad line\n", 3, 5, "invalid value");
        // OpenMetrics 1.0
        row("no eof", O, "x 1\n", 2, 1, "data does not end with # EOF");
        row("no eof no newline", O, "x 1", 1, 4, "data does not end with # EOF");
        row("data after eof", O, "# EOF\nx 1\n", 2, 1, "unexpected data after # EOF");
        row("blank after eof", O, "# EOF\n\n", 2, 1, "unexpected data after # EOF");
        row("text after eof", O, "# EOF \n", 1, 6, "unexpected text after # EOF");
        row("blank line", O, "x 1\n\n# EOF\n", 2, 1, "blank line");
        row("plain comment", O, "# comment\n# EOF\n", 1, 1, "invalid comment");
        row("two spaces", O, "x  1\n# EOF\n", 1, 3, "expected value");
        row("tab separator", O, "x\t1\n# EOF\n", 1, 2, "invalid metric name");
        row("trailing comma", O, "x{a=\"1\",} 1\n# EOF\n", 1, 9, "trailing comma");
        row("missing comma", O, "x{a=\"1\" b=\"2\"} 1\n# EOF\n", 1, 8, "expected ',' or '}'");
        row("space in labels", O, "x{a=\"1\", b=\"2\"} 1\n# EOF\n", 1, 9, "invalid label name");
        row("om duplicate label", O, "x{a=\"1\",a=\"2\"} 1\n# EOF\n", 1, 9, "duplicate label name");
        row("om name label", O, "x{__name__=\"y\"} 1\n# EOF\n", 1, 3, "label name \"__name__\" is not unique");
        row("om raw newline", O, "x{a=\"b\nc\"} 1\n# EOF\n", 1, 5, "unterminated label value");
        row("exemplar on gauge", O, "# TYPE g gauge\ng 1 # {a=\"1\"} 2\n# EOF\n", 2, 5,
            "metric name \"g\" does not support exemplars");
        row("exemplar on created", O, "# TYPE c counter\nc_created 1 # {} 2\n# EOF\n", 2, 13,
            "does not support exemplars");
        row("exemplar on untyped", O, "x 1 2 # {} 2\n# EOF\n", 1, 7, "does not support exemplars");
        row("unit not suffix", O, "# TYPE x_seconds counter\n# UNIT x_seconds bytes\n# EOF\n", 2, 18,
            "unit \"bytes\" is not a suffix of metric name \"x_seconds\"");
        row("om bad type", O, "# TYPE x untyped\n# EOF\n", 1, 10, "invalid metric type \"untyped\"");
        row("help without text", O, "# HELP x\n# EOF\n", 1, 9, "expected space and text after metric name");
        row("exemplar no value", O, "x_total 1 # {a=\"1\"}\n# EOF\n", 1, 20, "expected space before exemplar value");
        row("exemplar syntax", O, "x_total 1 # a\n# EOF\n", 1, 11, "invalid exemplar");
        row("exemplar bad ts", O, "x_total 1 # {} 1 NaN\n# EOF\n", 1, 18, "invalid exemplar timestamp");
        row("nan timestamp", O, "x 1 NaN\n# EOF\n", 1, 5, "invalid timestamp");
        row("inf timestamp", O, "x 1 +Inf\n# EOF\n", 1, 5, "invalid timestamp");
        row("tab after value", O, "x 1\t2\n# EOF\n", 1, 4, "unexpected text after sample");
        row("om bad utf8", O, "x{a=\"\xc3(\"} 1\n# EOF\n", 1, 6, "invalid UTF-8");
    }

    void invalid()
    {
        QFETCH(Format, format);
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        ParseResult r;
        const auto err = parse(std::string_view(text.constData(), std::size_t(text.size())), format, r);
        QVERIFY2(err.has_value(), "input was accepted");
        const QString got = QString::fromStdString(err->toString());
        QVERIFY2(QString::fromStdString(err->message).contains(message), qPrintable(got));
        QCOMPARE(int(err->line), line);
        QCOMPARE(int(err->column), column);
        // The offset points at the same byte as line:column.
        std::uint32_t l = 1;
        std::uint64_t lineStart = 0;
        for (std::uint64_t i = 0; i < err->offset && i < std::uint64_t(text.size()); ++i) {
            if (text[qsizetype(i)] == '\n') {
                ++l;
                lineStart = i + 1;
            }
        }
        QCOMPARE(l, err->line);
        QCOMPARE(err->offset - lineStart + 1, std::uint64_t(err->column));
    }

    void lineAndColumnFarIn()
    {
        std::string text;
        for (int i = 1; i < 812; ++i)
            text += "metric_" + std::to_string(i % 7) + "{a=\"" + std::to_string(i) + "\"} " + std::to_string(i) + "\n";
        text += "abcdefghijkl{1=\"x\"} 1\n";
        ParseResult r;
        const auto err = parse(text, Format::Prometheus, r);
        QVERIFY(err);
        QCOMPARE(err->toString(), std::string("line 812 col 14: invalid label name"));
    }

    void limits_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("which");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("samples") << QByteArray("a 1\nb 2\nc 3\n") << 0 << 3 << 1 << QStringLiteral("maxSamples=2");
        QTest::newRow("labels") << QByteArray("x{a=\"1\",b=\"2\",c=\"3\"} 1\n") << 1 << 1 << 15
                                << QStringLiteral("maxLabelsPerSeries=2");
        QTest::newRow("value bytes") << QByteArray("x{a=\"abc\",b=\"abcd\"} 1\n") << 2 << 1 << 11
                                     << QStringLiteral("maxLabelValueBytes=3");
        QTest::newRow("decoded bytes") << QByteArray("x{a=\"\\\\\\\\\\n\\n\"} 1\n") << 2 << 1 << 3
                                       << QStringLiteral("maxLabelValueBytes=3");
    }

    void limits()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, which);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        ParseLimits limits;
        if (which == 0)
            limits.maxSamples = 2;
        if (which == 1)
            limits.maxLabelsPerSeries = 2;
        if (which == 2)
            limits.maxLabelValueBytes = 3;
        for (const Format f : {Format::Prometheus, Format::OpenMetrics}) {
            QByteArray input = text;
            if (f == Format::OpenMetrics)
                input += "# EOF\n";
            ParseResult r;
            const auto err = parse(std::string_view(input.constData(), std::size_t(input.size())), f, r, limits);
            QVERIFY(err);
            QVERIFY2(QString::fromStdString(err->message).contains(message), err->message.c_str());
            QCOMPARE(int(err->line), line);
            QCOMPARE(int(err->column), column);
            // Without limits the same input is valid.
            QVERIFY(!parse(std::string_view(input.constData(), std::size_t(input.size())), f, r));
        }
    }

    void streamingStopsAtError()
    {
        ParseResult r;
        int chunks = 0;
        const auto err = parseStreaming("a 1\nb 2\nc 3\nd{ 4\n", Format::Prometheus, r, 2,
                                        [&](const ParseResult &) { ++chunks; });
        QVERIFY(err);
        QCOMPARE(err->line, 4u);
        QCOMPARE(chunks, 1);
    }
};

QTEST_GUILESS_MAIN(TestExpoErrors)
#include "tst_expo_errors.moc"

// ExpositionWriter: escaping, special values and exact round trips through the parser.
#include "core/expo/expo_parser.h"
#include "core/expo/expo_writer.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace vigil;

class TstExpoWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesExactText()
    {
        std::string text;
        expo::ExpositionWriter w(text);
        w.family("q_depth", "gauge", "Depth \\ of\nthe queue.");
        w.sample("q_depth", {{"queue", "a\"b\\c\nd"}, {"node", "n1"}}, std::uint64_t(42));
        w.sample("q_depth", 0.1);
        QCOMPARE(text, std::string("# HELP q_depth Depth \\\\ of\\nthe queue.\n"
                                   "# TYPE q_depth gauge\n"
                                   "q_depth{queue=\"a\\\"b\\\\c\\nd\",node=\"n1\"} 42\n"
                                   "q_depth 0.1\n"));
    }

    void roundTripsThroughTheParser()
    {
        const double values[] = {0.1, -0.0, 1e-300, 1.7976931348623157e308, 123456789.125,
                                 std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                                 std::numeric_limits<double>::quiet_NaN()};
        std::string text;
        expo::ExpositionWriter w(text);
        w.family("v", "untyped", "values");
        for (double v : values)
            w.sample("v", {{"label", "x\ny"}}, v);
        expo::ParseResult r;
        const auto err = expo::parse(text, expo::Format::Prometheus, r);
        QVERIFY2(!err, err ? err->toString().c_str() : "");
        QCOMPARE(r.samples.size(), std::size(values));
        for (std::size_t i = 0; i < std::size(values); ++i) {
            const double got = r.samples[i].value;
            if (std::isnan(values[i])) {
                QVERIFY(std::isnan(got));
            } else {
                QCOMPARE(std::signbit(got), std::signbit(values[i]));
                QVERIFY(got == values[i]);
            }
            QCOMPARE(r.labels[r.samples[i].labelBegin].value, std::string_view("x\ny"));
        }
        QCOMPARE(r.families[0].help, std::string_view("values"));
    }
};

QTEST_GUILESS_MAIN(TstExpoWriter)
#include "tst_expo_writer.moc"

// Selector parsing (PromQL vector selector syntax), canonical printing, error
// columns and matching semantics.
#include "core/store/selector.h"

#include <QTest>

using namespace vigil;

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

class TestSelector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesToCanonical_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<int>("matchers");
        QTest::newRow("name") << QStringLiteral("up") << QStringLiteral("up") << 1;
        QTest::newRow("ws+trailing comma") << QStringLiteral("  up {\tjob = \"a\" , }  ")
                                           << QStringLiteral("up{job=\"a\"}") << 2;
        QTest::newRow("name regex") << QStringLiteral("{__name__=~\"x.*\"}") << QStringLiteral("{__name__=~\"x.*\"}") << 1;
        QTest::newRow("name eq in braces") << QStringLiteral("{__name__=\"up\",job=\"x\"}")
                                           << QStringLiteral("up{job=\"x\"}") << 2;
        QTest::newRow("all ops") << QStringLiteral("foo:bar_total{a!=\"b\",c=~'d',e!~\"f\",g=\"h\"}")
                                 << QStringLiteral("foo:bar_total{a!=\"b\",c=~\"d\",e!~\"f\",g=\"h\"}") << 5;
        QTest::newRow("escapes") << QStringLiteral("a{b=\"x\\\"y\\\\z\\n\"}") << QStringLiteral("a{b=\"x\\\"y\\\\z\\n\"}") << 2;
        QTest::newRow("single quote esc") << QStringLiteral("a{b='it\\'s'}") << QStringLiteral("a{b=\"it's\"}") << 2;
        QTest::newRow("hex octal") << QStringLiteral("a{b=\"\\x41\\101\"}") << QStringLiteral("a{b=\"AA\"}") << 2;
        QTest::newRow("unicode") << QStringLiteral("a{b=\"\\u00e9\"}") << QString::fromUtf8("a{b=\"\xc3\xa9\"}") << 2;
        QTest::newRow("raw") << QStringLiteral("a{b=`x\\d+`}") << QStringLiteral("a{b=\"x\\\\d+\"}") << 2;
        QTest::newRow("label only") << QStringLiteral("{job=\"a\"}") << QStringLiteral("{job=\"a\"}") << 1;
    }
    void parsesToCanonical()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(int, matchers);
        auto r = Selector::parse(text.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(q(r->toString()), canonical);
        QCOMPARE(int(r->matchers().size()), matchers);
        // The canonical text parses back to the same matchers.
        auto again = Selector::parse(r->toString());
        QVERIFY(again.ok());
        QCOMPARE(again->toString(), r->toString());
        QCOMPARE(again->matchers().size(), r->matchers().size());
        for (std::size_t i = 0; i < r->matchers().size(); ++i) {
            QCOMPARE(q(again->matchers()[i].name), q(r->matchers()[i].name));
            QCOMPARE(q(again->matchers()[i].value), q(r->matchers()[i].value));
            QVERIFY(again->matchers()[i].op == r->matchers()[i].op);
        }
    }

    void matcherFields()
    {
        auto r = Selector::parse("m{a!=\"1\",b=~\"2\",c!~\"3\"}");
        QVERIFY(r.ok());
        const auto &m = r->matchers();
        QCOMPARE(m.size(), std::size_t(4));
        QCOMPARE(q(m[0].name), QStringLiteral("__name__"));
        QVERIFY(m[0].op == LabelMatcher::Op::Equal);
        QCOMPARE(q(m[0].value), QStringLiteral("m"));
        QVERIFY(m[1].op == LabelMatcher::Op::NotEqual);
        QVERIFY(m[2].op == LabelMatcher::Op::Regex);
        QVERIFY(m[3].op == LabelMatcher::Op::NotRegex);
        QCOMPARE(q(m[3].name), QStringLiteral("c"));
        QCOMPARE(q(m[3].value), QStringLiteral("3"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("contains");
        QTest::newRow("empty") << QString() << QStringLiteral("col 1:") << QStringLiteral("expected metric name");
        QTest::newRow("empty braces") << QStringLiteral("{}") << QStringLiteral("col 1:")
                                      << QStringLiteral("at least one non-empty matcher");
        QTest::newRow("only empty eq") << QStringLiteral("  {a=\"\"}") << QStringLiteral("col 3:")
                                       << QStringLiteral("at least one non-empty matcher");
        QTest::newRow("only dotstar") << QStringLiteral("{a=~\".*\"}") << QStringLiteral("col 1:")
                                      << QStringLiteral("at least one non-empty matcher");
        QTest::newRow("missing op") << QStringLiteral("up{job}") << QStringLiteral("col 7:") << QStringLiteral("expected one of");
        QTest::newRow("unclosed") << QStringLiteral("up{job=\"a\"") << QStringLiteral("col 11:") << QStringLiteral("expected ','");
        QTest::newRow("unterminated") << QStringLiteral("up{job=\"a}") << QStringLiteral("col 8:") << QStringLiteral("unterminated");
        QTest::newRow("bad label") << QStringLiteral("up{9=\"a\"}") << QStringLiteral("col 4:") << QStringLiteral("expected label name");
        QTest::newRow("bad regex") << QStringLiteral("up{job=~\"(\"}") << QStringLiteral("col 9:")
                                   << QStringLiteral("invalid regular expression");
        QTest::newRow("bad escape") << QStringLiteral("up{job=\"\\q\"}") << QStringLiteral("col 9:")
                                    << QStringLiteral("unknown escape");
        QTest::newRow("name twice") << QStringLiteral("up{__name__=\"x\"}") << QStringLiteral("col 4:")
                                    << QStringLiteral("must not be set twice");
        QTest::newRow("trailing junk") << QStringLiteral("up x") << QStringLiteral("col 4:") << QStringLiteral("unexpected 'x'");
        QTest::newRow("double comma") << QStringLiteral("up{a=\"b\",,}") << QStringLiteral("col 10:")
                                      << QStringLiteral("expected label name");
        QTest::newRow("no quotes") << QStringLiteral("up{a=b}") << QStringLiteral("col 6:") << QStringLiteral("quoted string");
        QTest::newRow("short \\u") << QStringLiteral("a{b=\"\\u12\"}") << QStringLiteral("col 6:") << QStringLiteral("\\u");
    }
    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, prefix);
        QFETCH(QString, contains);
        auto r = Selector::parse(text.toStdString());
        QVERIFY(!r.ok());
        const QString msg = q(r.error().message);
        QVERIFY2(msg.startsWith(prefix + QLatin1Char(' ')), qPrintable(msg));
        QVERIFY2(msg.contains(contains), qPrintable(msg));
    }

    void regexIsAnchored()
    {
        auto r = Selector::parse("{a=~\"b\"}");
        QVERIFY(r.ok());
        QVERIFY(r->matcherMatches(0, "b"));
        QVERIFY(!r->matcherMatches(0, "abc"));
        QVERIFY(!r->matcherMatches(0, "bb"));
        auto alt = Selector::parse("{a=~\"x|y\"}");
        QVERIFY(alt.ok());
        QVERIFY(alt->matcherMatches(0, "x"));
        QVERIFY(alt->matcherMatches(0, "y"));
        QVERIFY(!alt->matcherMatches(0, "xy"));
        auto dot = Selector::parse("{a=~\"a.b\"}");
        QVERIFY(dot.ok());
        QVERIFY(dot->matcherMatches(0, "a\nb"));
        auto neg = Selector::parse("{a!~\"b.*\",c=\"1\"}");
        QVERIFY(neg.ok());
        QVERIFY(!neg->matcherMatches(0, "bcd"));
        QVERIFY(neg->matcherMatches(0, "abc"));
        QVERIFY(!neg->matcherMatches(7, "abc")); // out of range
    }

    void matchesLabelSets()
    {
        auto r = Selector::parse("http_total{code=~\"5..\",method!=\"GET\",zone=\"\"}");
        QVERIFY(r.ok());
        const Labels post500 = {{"code", "503"}, {"method", "POST"}};
        const Labels get500 = {{"code", "500"}, {"method", "GET"}};
        const Labels zoned = {{"code", "500"}, {"zone", "eu"}};
        const Labels noMethod = {{"code", "502"}};
        QVERIFY(r->matches("http_total", std::span<const Label>(post500)));
        QVERIFY(!r->matches("other_total", std::span<const Label>(post500)));
        QVERIFY(!r->matches("http_total", std::span<const Label>(get500)));
        // zone="" requires the label to be absent (or empty).
        QVERIFY(!r->matches("http_total", std::span<const Label>(zoned)));
        // A missing label is "" and so is != "GET".
        QVERIFY(r->matches("http_total", std::span<const Label>(noMethod)));
        const LabelView views[] = {{"method", "PUT"}, {"code", "599"}};
        QVERIFY(r->matches("http_total", std::span<const LabelView>(views)));
    }

    void copyAndMove()
    {
        auto r = Selector::parse("up{job=\"a\"}");
        QVERIFY(r.ok());
        Selector a = *r;
        Selector b = std::move(a);
        QCOMPARE(q(b.toString()), QStringLiteral("up{job=\"a\"}"));
        Selector c;
        QCOMPARE(c.matchers().size(), std::size_t(0));
        c = b;
        QCOMPARE(q(c.toString()), q(b.toString()));
    }
};

QTEST_GUILESS_MAIN(TestSelector)
#include "tst_selector.moc"

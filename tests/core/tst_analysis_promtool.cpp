// Oracle: Prometheus itself. Generates a `promtool test rules` file whose input series
// are classic histograms (explicit bucket values, and counters with resets read through
// increase()) and whose expected samples are what OUR histogramQuantile() and
// counterIncrease() compute, then runs the real promtool: it passes only if Prometheus
// computes the very same numbers. A copy with one deliberately wrong expectation must
// make promtool fail, so the oracle can fail. promtool comes from the Debian package
// `prometheus`; the test skips (loudly) only when it cannot be installed.
#include "core/analysis/counter_math.h"
#include "core/analysis/histogram_quantile.h"
#include "tests/support/server_process.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace vigil;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const QString kPromtool = QStringLiteral("/usr/bin/promtool");
constexpr double kQuantiles[] = {0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1};

QString num(double v)
{
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(v, 'g', 17);
}

struct SeriesCase
{
    QString name;                             // case label value
    std::vector<QString> les;                 // le label per bucket series
    std::vector<std::vector<double>> values;  // per bucket: samples one minute apart
    bool useIncrease = false;                 // increase(x[5m]) at 5m, else the value at 0m
};

struct Expectation
{
    QString expr;
    QString labels;
    double value;
};

std::vector<SeriesCase> makeCases()
{
    std::vector<SeriesCase> cases;
    cases.push_back({QStringLiteral("basic"), {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("4"),
                     QStringLiteral("+Inf")}, {{10}, {30}, {40}, {50}}, false});
    cases.push_back({QStringLiteral("seed"), {QStringLiteral("100"), QStringLiteral("500"), QStringLiteral("1000"),
                     QStringLiteral("2000"), QStringLiteral("+Inf")}, {{45123}, {89234}, {98234}, {99800}, {100000}}, false});
    // Non-monotonic cumulative counts (fixed by ensureMonotonic).
    cases.push_back({QStringLiteral("nonmono"), {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("4"),
                     QStringLiteral("+Inf")}, {{10}, {8}, {40}, {35}}, false});
    // Duplicate bounds written differently: coalesced.
    cases.push_back({QStringLiteral("dup"), {QStringLiteral("1"), QStringLiteral("1.0"), QStringLiteral("2"),
                     QStringLiteral("+Inf")}, {{4}, {6}, {30}, {50}}, false});
    // Bounds <= 0.
    cases.push_back({QStringLiteral("negative"), {QStringLiteral("-1"), QStringLiteral("0"), QStringLiteral("+Inf")},
                     {{10}, {20}, {40}}, false});
    // Counters with resets, read through increase() over 5 minutes.
    cases.push_back({QStringLiteral("reset"), {QStringLiteral("100"), QStringLiteral("1000"), QStringLiteral("10000"),
                     QStringLiteral("+Inf")},
                     {{0, 40, 90, 5, 60, 100}, {0, 70, 150, 9, 110, 180}, {0, 80, 170, 12, 130, 210},
                      {0, 81, 172, 12, 131, 215}}, true});
    // Random distributions over the simulator's bounds (ns), some through increase().
    std::mt19937_64 rng(20240601);
    const std::vector<QString> simLes = {QStringLiteral("100"), QStringLiteral("250"), QStringLiteral("500"),
                                         QStringLiteral("1000"), QStringLiteral("2500"), QStringLiteral("5000"),
                                         QStringLiteral("10000"), QStringLiteral("25000"), QStringLiteral("50000"),
                                         QStringLiteral("100000"), QStringLiteral("+Inf")};
    for (int c = 0; c < 8; ++c) {
        SeriesCase sc{QStringLiteral("rand%1").arg(c), simLes, {}, c % 2 == 1};
        const int samples = sc.useIncrease ? 6 : 1;
        std::vector<std::vector<double>> perBucket(simLes.size(), std::vector<double>(std::size_t(samples), 0));
        std::vector<double> cum(simLes.size(), 0);
        for (int t = 0; t < samples; ++t) {
            if (sc.useIncrease && t == 3)
                std::fill(cum.begin(), cum.end(), 0.0); // counter reset
            double running = 0;
            for (std::size_t b = 0; b < simLes.size(); ++b) {
                running += double(rng() % (b < 3 ? 5000 : 700));
                cum[b] += running;
                perBucket[b][std::size_t(t)] = cum[b];
            }
        }
        sc.values = perBucket;
        cases.push_back(sc);
    }
    return cases;
}

// Expected samples as OUR code computes them.
std::vector<Expectation> expectationsFor(const SeriesCase &c)
{
    std::vector<HistogramBucket> buckets;
    for (std::size_t b = 0; b < c.les.size(); ++b) {
        const std::vector<double> &v = c.values[b];
        double count = v.front();
        if (c.useIncrease) {
            std::vector<Sample> s;
            for (std::size_t i = 0; i < v.size(); ++i)
                s.push_back({std::int64_t(i) * 60'000, v[i]});
            count = counterIncrease(s);
        }
        buckets.push_back({parseBucketBound(c.les[b].toStdString()), count});
    }
    std::vector<Expectation> out;
    const QString sel = QStringLiteral("h_bucket{case=\"%1\"}").arg(c.name);
    const QString arg = c.useIncrease ? QStringLiteral("increase(%1[5m])").arg(sel) : sel;
    for (double q : kQuantiles) {
        const QuantileEstimate e = histogramQuantile(q, buckets);
        if (std::isnan(e.value))
            continue; // NaN never equals NaN in promtool's comparison
        out.push_back({QStringLiteral("histogram_quantile(%1, %2)").arg(num(q), arg),
                       QStringLiteral("{case=\"%1\"}").arg(c.name), e.value});
    }
    return out;
}

QString rulesTest(const std::vector<SeriesCase> &cases, const std::vector<Expectation> &exps,
                  const std::vector<int> &evalMinutes)
{
    QString y = QStringLiteral("evaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n");
    for (const SeriesCase &c : cases)
        for (std::size_t b = 0; b < c.les.size(); ++b) {
            QStringList vals;
            for (double v : c.values[b])
                vals << num(v);
            y += QStringLiteral("      - series: 'h_bucket{case=\"%1\",le=\"%2\"}'\n        values: '%3'\n")
                     .arg(c.name, c.les[b], vals.join(QLatin1Char(' ')));
        }
    y += QStringLiteral("    promql_expr_test:\n");
    for (std::size_t i = 0; i < exps.size(); ++i) {
        y += QStringLiteral("      - expr: '%1'\n        eval_time: %2m\n        exp_samples:\n"
                            "          - labels: '%3'\n            value: %4\n")
                 .arg(exps[i].expr).arg(evalMinutes[i]).arg(exps[i].labels, num(exps[i].value));
    }
    return y;
}

struct PromtoolRun
{
    int exitCode = -1;
    QByteArray output;
};

PromtoolRun runPromtool(const QString &dir, const QString &name, const QString &yaml)
{
    const QString path = QDir(dir).filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(yaml.toUtf8());
    f.close();
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(kPromtool, {QStringLiteral("test"), QStringLiteral("rules"), path});
    if (!p.waitForFinished(120'000)) {
        p.kill();
        p.waitForFinished(5'000);
        return {-1, p.readAll()};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAll()};
}

} // namespace

class TstAnalysisPromtool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString why = vigil::test::ensureDebianPackage(QStringLiteral("prometheus"), kPromtool);
        if (!why.isEmpty()) {
            qWarning("*** ORACLE NOT RUN: promtool unavailable (%s). Install the Debian package "
                     "'prometheus' to check histogram_quantile against Prometheus. ***",
                     qPrintable(why));
            QSKIP("promtool (Debian package prometheus) cannot be installed");
        }
        QVERIFY(m_dir.isValid());
        m_cases = makeCases();
        for (const SeriesCase &c : m_cases)
            for (const Expectation &e : expectationsFor(c)) {
                m_exps.push_back(e);
                m_eval.push_back(c.useIncrease ? 5 : 0);
            }
    }

    void sameNumbersAsPrometheus()
    {
        QVERIFY2(m_exps.size() > 100, qPrintable(QString::number(m_exps.size())));
        const PromtoolRun r = runPromtool(m_dir.path(), QStringLiteral("oracle.yml"), rulesTest(m_cases, m_exps, m_eval));
        QVERIFY2(r.exitCode == 0, r.output.constData());
        QVERIFY2(r.output.contains("SUCCESS"), r.output.constData());
    }

    void wrongExpectationFails()
    {
        // One value off by one part in 10^9: promtool must reject it.
        std::vector<Expectation> wrong = m_exps;
        wrong[wrong.size() / 2].value *= 1.000000001;
        wrong[wrong.size() / 2].value += wrong[wrong.size() / 2].value == 0 ? 1e-9 : 0;
        const PromtoolRun r = runPromtool(m_dir.path(), QStringLiteral("wrong.yml"), rulesTest(m_cases, wrong, m_eval));
        QVERIFY2(r.exitCode != 0, r.output.constData());
        QVERIFY2(r.output.contains("FAILED"), r.output.constData());
    }

private:
    QTemporaryDir m_dir;
    std::vector<SeriesCase> m_cases;
    std::vector<Expectation> m_exps;
    std::vector<int> m_eval;
};

QTEST_GUILESS_MAIN(TstAnalysisPromtool)
#include "tst_analysis_promtool.moc"

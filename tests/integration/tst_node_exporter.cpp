// The Scraper against a real prometheus-node-exporter on loopback: family set and
// types exactly as the endpoint's own text says, series count within a small
// tolerance (some series come and go between two fetches), constant values exact.
#include "core/expo/expo_types.h"
#include "core/scrape/scraper.h"
#include "core/scrape/http_fetch.h"
#include "tests/support/server_process.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

#include <map>
#include <mutex>

using namespace vigil;
using namespace std::chrono_literals;

namespace {

const QString kBinary = QStringLiteral("/usr/bin/prometheus-node-exporter");

// What the endpoint's own text says, read without Vigil's parser.
struct Reference
{
    std::map<std::string, std::string> familyTypes; // from "# TYPE name type"
    std::map<std::string, std::string> sampleValues; // first sample line per series text
    std::size_t sampleLines = 0;
    std::size_t bytes = 0;
};

Reference readReference(const QByteArray &text)
{
    Reference r;
    r.bytes = std::size_t(text.size());
    for (const QByteArray &raw : text.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith("# TYPE ")) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() >= 4)
                r.familyTypes[parts[2].toStdString()] = parts[3].toStdString();
            continue;
        }
        if (line.startsWith('#'))
            continue;
        ++r.sampleLines;
        const qsizetype space = line.lastIndexOf(' ');
        r.sampleValues[line.left(space).toStdString()] = line.mid(space + 1).toStdString();
    }
    return r;
}

void banner(const QString &why)
{
    qWarning("\n"
             "################################################################\n"
             "##  NODE EXPORTER INTEGRATION TEST SKIPPED                     ##\n"
             "##  %s\n"
             "################################################################",
             qPrintable(why));
}

} // namespace

class TestNodeExporter : public QObject
{
    Q_OBJECT

private:
    test::ServerProcess m_exporter;
    quint16 m_port = 0;

    QByteArray fetchReference()
    {
        // Asked like the scraper asks, minus gzip, so both get the same format.
        QNetworkAccessManager nam;
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_port)));
        req.setRawHeader("Accept", HttpFetch::acceptHeader());
        req.setRawHeader("Accept-Encoding", "identity");
        std::unique_ptr<QNetworkReply> reply(nam.get(req));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 15000))
            return {};
        return reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString why = test::ensureDebianPackage(QStringLiteral("prometheus-node-exporter"), kBinary);
        if (!why.isEmpty()) {
            banner(why);
            QSKIP(qPrintable(QStringLiteral("prometheus-node-exporter unavailable: ") + why));
        }
        m_port = test::freeLoopbackPort();
        QVERIFY(m_port != 0);
        QString error;
        QVERIFY2(m_exporter.start(kBinary,
                                  {QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_port),
                                   QStringLiteral("--no-collector.systemd")},
                                  &error),
                 qPrintable(error));
        QVERIFY2(m_exporter.waitForPort(m_port, 20000), m_exporter.output().right(3000).constData());
    }

    void cleanupTestCase()
    {
        const qint64 pid = m_exporter.pid();
        m_exporter.stop();
        if (pid > 0)
            QVERIFY2(!test::processAlive(pid), "node_exporter survived stop()");
    }

    void scrapeMatchesEndpoint()
    {
        std::mutex mutex;
        std::vector<SampleBatch> batches;
        Scraper scraper([&](SampleBatch &&b) {
            std::lock_guard lock(mutex);
            batches.push_back(std::move(b));
        });
        ScrapeTargetConfig target;
        target.url = "http://127.0.0.1:" + std::to_string(m_port) + "/metrics";
        target.job = "node";
        target.interval = 500ms;
        target.timeout = 5s;
        scraper.addTarget(target);
        scraper.start();
        auto count = [&] {
            std::lock_guard lock(mutex);
            return batches.size();
        };
        // Two scrapes: the scheduler works against a real server, not just once.
        QTRY_VERIFY_WITH_TIMEOUT(count() >= 2, 20000);
        scraper.stop();
        const Reference ref = readReference(fetchReference());
        QVERIFY2(ref.sampleLines > 100, "reference fetch failed or is tiny");

        std::lock_guard lock(mutex);
        for (const SampleBatch &b : batches) {
            QVERIFY(b.scrape);
            QVERIFY2(b.scrape->up, b.scrape->error.c_str());
        }
        const SampleBatch &b = batches.back();
        const ScrapeReport &r = *b.scrape;
        QVERIFY(b.parsed && b.body);
        const expo::ParseResult &p = *b.parsed;
        QCOMPARE(r.instance, "127.0.0.1:" + std::to_string(m_port));
        QCOMPARE(b.targetLabels, (Labels{{"instance", r.instance}, {"job", "node"}}));
        QCOMPARE(r.samples, std::uint64_t(p.samples.size()));

        // Family names and types exactly as the endpoint declares them.
        std::map<std::string, std::string> got;
        for (const auto &f : p.families)
            got[std::string(f.name)] = std::string(expo::metricTypeName(f.type, p.format));
        QCOMPARE(got.size(), ref.familyTypes.size());
        for (const auto &[name, type] : ref.familyTypes) {
            const auto it = got.find(name);
            QVERIFY2(it != got.end(), ("family missing: " + name).c_str());
            QVERIFY2(it->second == type, (name + ": " + it->second + " vs " + type).c_str());
        }
        // Series count: a few series may come and go between two fetches.
        const auto diff = std::abs(std::int64_t(r.samples) - std::int64_t(ref.sampleLines));
        QVERIFY2(diff <= std::max<std::int64_t>(10, std::int64_t(ref.sampleLines) / 50),
                 qPrintable(QStringLiteral("%1 samples scraped, %2 in the reference").arg(r.samples).arg(ref.sampleLines)));
        // bodyBytes is the decoded size (node_exporter gzips for us).
        QVERIFY(r.bodyBytes > ref.bytes * 9 / 10 && r.bodyBytes < ref.bytes * 11 / 10);

        // A few known families.
        auto family = [&](std::string_view name) -> const expo::FamilyView * {
            for (const auto &f : p.families)
                if (f.name == name)
                    return &f;
            return nullptr;
        };
        const expo::FamilyView *cpu = family("node_cpu_seconds_total");
        QVERIFY(cpu);
        QCOMPARE(cpu->type, expo::MetricType::Counter);
        std::size_t refCpu = 0;
        for (const auto &[series, value] : ref.sampleValues)
            refCpu += series.rfind("node_cpu_seconds_total{", 0) == 0 ? 1 : 0;
        QCOMPARE(std::size_t(cpu->sampleCount), refCpu); // CPUs x modes: constant

        const expo::FamilyView *mem = family("node_memory_MemTotal_bytes");
        QVERIFY(mem);
        QCOMPARE(mem->type, expo::MetricType::Gauge);
        QCOMPARE(mem->sampleCount, 1u);
        const auto memRef = ref.sampleValues.find("node_memory_MemTotal_bytes");
        QVERIFY(memRef != ref.sampleValues.end());
        QCOMPARE(p.samples[mem->sampleBegin].value, std::strtod(memRef->second.c_str(), nullptr));

        const expo::FamilyView *gc = family("go_gc_duration_seconds");
        QVERIFY(gc);
        QCOMPARE(gc->type, expo::MetricType::Summary);
        QCOMPARE(gc->sampleCount, 7u); // 5 quantiles, _sum, _count

        const expo::FamilyView *build = family("node_exporter_build_info");
        QVERIFY(build);
        QCOMPARE(build->type, expo::MetricType::Gauge);
    }
};

QTEST_GUILESS_MAIN(TestNodeExporter)
#include "tst_node_exporter.moc"

// Interning primitives of the store: hash spread, the hash index (incl. deletion),
// and the symbol table.
#include "core/store/symbol_table.h"

#include <QTest>

#include <set>
#include <string>
#include <vector>

using namespace vigil::store;

class TestSymbolTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashSpreadsSimilarStrings()
    {
        // Near-identical label sets must not collide (chained like series keys are).
        std::set<std::uint64_t> full;
        std::set<std::uint64_t> low16;
        const int n = 20000;
        for (int i = 0; i < n; ++i) {
            std::uint64_t h = hashBytes("node_metric_" + std::to_string(i % 100), 1);
            h = hashBytes("instance", h);
            h = hashBytes("host-" + std::to_string(i / 100) + ".example.com:9100", h);
            full.insert(h);
            low16.insert(h & 0xffff);
        }
        QCOMPARE(int(full.size()), n);
        // 20000 balls in 65536 bins: ~17400 distinct expected for a good hash.
        QVERIFY2(low16.size() > 16500, qPrintable(QString::number(low16.size())));
        QVERIFY(hashBytes("ab", hashBytes("c", 0)) != hashBytes("a", hashBytes("bc", 0)));
        QVERIFY(hashBytes("", 0) != hashBytes("", 1));
    }

    void indexInsertFindErase()
    {
        HashIndex idx;
        const int n = 5000;
        // Few distinct hashes: long probe chains, so erase must keep chains intact.
        auto hashOf = [](int i) { return std::uint64_t(i % 37) * 0x10001ull; };
        for (int i = 0; i < n; ++i)
            idx.insert(hashOf(i), std::uint32_t(i));
        QCOMPARE(idx.size(), std::size_t(n));
        for (int i = 0; i < n; i += 2)
            idx.erase(hashOf(i), std::uint32_t(i));
        QCOMPARE(idx.size(), std::size_t(n / 2));
        for (int i = 0; i < n; ++i) {
            const std::uint32_t want = std::uint32_t(i);
            const std::uint32_t got = idx.find(hashOf(i), [&](std::uint32_t id) { return id == want; });
            QCOMPARE(got, i % 2 ? want : kNoId);
        }
    }

    void symbolsAreInterned()
    {
        SymbolTable t;
        QCOMPARE(t.intern(""), 0u);
        const std::uint32_t a = t.intern("job");
        const std::uint32_t b = t.intern("instance");
        QVERIFY(a != b);
        QCOMPARE(t.intern(std::string("jo") + "b"), a);
        QCOMPARE(t.find("instance"), b);
        QCOMPARE(t.find("nope"), kNoId);
        const std::string big(100'000, 'x'); // bigger than an arena block
        const std::uint32_t c = t.intern(big);
        std::vector<std::uint32_t> many;
        for (int i = 0; i < 10000; ++i)
            many.push_back(t.intern("value-" + std::to_string(i)));
        QCOMPARE(t.str(a), std::string_view("job"));
        QCOMPARE(t.str(c).size(), big.size());
        QVERIFY(t.str(c) == big);
        QCOMPARE(t.str(many[1234]), std::string_view("value-1234"));
        QCOMPARE(t.size(), std::size_t(4 + 10000));
        QVERIFY(t.bytes() > 100'000 + 10000 * 10);
    }
};

QTEST_GUILESS_MAIN(TestSymbolTable)
#include "tst_symbol_table.moc"

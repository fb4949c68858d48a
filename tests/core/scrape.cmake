# Tests of core/scrape (the scraper against a local HttpServer on 127.0.0.1).
vigil_add_test(tst_scraper SOURCES tst_scraper.cpp tst_scraper_util.h LIBS ZLIB::ZLIB TIMEOUT 60)
vigil_add_test(tst_scraper_backoff SOURCES tst_scraper_backoff.cpp tst_scraper_util.h LIBS ZLIB::ZLIB TIMEOUT 60)
vigil_add_test(tst_scraper_units SOURCES tst_scraper_units.cpp tst_scraper_util.h LIBS ZLIB::ZLIB TIMEOUT 60)
vigil_add_test(tst_scraper_cli SOURCES tst_scraper_cli.cpp tst_scraper_util.h LIBS ZLIB::ZLIB TIMEOUT 60)
add_dependencies(tst_scraper_cli vigilctl)
vigil_add_test(tst_scraper_tls SOURCES tst_scraper_tls.cpp tst_scraper_util.h LIBS ZLIB::ZLIB TIMEOUT 60)

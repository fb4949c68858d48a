# Event engine: parser and field mapping, lanes and policies, dedup, conservation under
# concurrent producers, engine series in the hub, and `vigilctl ingest`.
vigil_add_test(tst_event_parser SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_event_parser.cpp LABELS engine)
vigil_add_test(tst_event_engine SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_event_engine.cpp LABELS engine)
vigil_add_test(tst_ingest_cli SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ingest_cli.cpp LABELS engine)
add_dependencies(tst_ingest_cli vigilctl)

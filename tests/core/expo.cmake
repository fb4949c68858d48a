# Exposition parser (core/expo) and `vigilctl parse`.
vigil_add_test(tst_expo_parser SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_expo_parser.cpp)
vigil_add_test(tst_expo_errors SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_expo_errors.cpp)
vigil_add_test(tst_expo_cli SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_expo_cli.cpp)
add_dependencies(tst_expo_cli vigilctl)
vigil_add_test(tst_expo_writer SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_expo_writer.cpp)

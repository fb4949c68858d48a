# Files of core/stream
list(APPEND VIGIL_CORE_SOURCES)

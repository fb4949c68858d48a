# Files of core/engine
list(APPEND VIGIL_CORE_SOURCES)

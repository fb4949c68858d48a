# Files of core/store

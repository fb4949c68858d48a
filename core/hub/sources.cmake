# Files of core/hub

# Files of core/expo

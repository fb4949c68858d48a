# Files of core/sim

# Files of core/scrape

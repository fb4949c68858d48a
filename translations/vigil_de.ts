<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>vigil</name>
    <message>
        <source>Vigil: a native monitoring console. Scrapes Prometheus/OpenMetrics endpoints and shows their series live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a simulated 3-node EventStreamCore cluster in-process on loopback (free ports) and scrape each node every second, so live data shows up within seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scrape this /metrics URL (repeatable). Credentials in the URL (user:password@host) are used for this run only and never saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scrape interval in seconds for --target URLs (default 5, 0.1 to 3600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the main window to this PNG file after --after milliseconds and exit (0 on success, 1 if the file cannot be written). Works with QT_QPA_PLATFORM=offscreen; settings are neither read nor written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay before --screenshot is taken, in milliseconds (default 3000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size for --screenshot, as WIDTHxHEIGHT (default 1600x1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil — demo cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo cluster failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::AddTargetDialog</name>
    <message>
        <source>Remember this target</source>
        <translation>Dieses Ziel merken</translation>
    </message>
    <message>
        <source>Add target</source>
        <translation>Ziel hinzufügen</translation>
    </message>
    <message>
        <source>Credentials in the URL (user:password@host) are used for this session only: they are never saved, only the URL without them is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Interval:</source>
        <translation>Intervall:</translation>
    </message>
</context>
<context>
    <name>vigil::MainWindow</name>
    <message>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Vigil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Add target…</source>
        <translation>Ziel &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Scrape another /metrics URL. Credentials in the URL are never saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Targets</source>
        <translation>&amp;Ziele</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Vigil</source>
        <translation>&amp;Über Vigil</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add target</source>
        <translation>Ziel hinzufügen</translation>
    </message>
    <message>
        <source>Added %1 (credentials kept for this session only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Vigil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil %1

A native monitoring console: scrapes Prometheus and OpenMetrics endpoints and plots their series live.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::MetricExplorer</name>
    <message>
        <source>Filter: metric name, or selector like up{job=&quot;vigil&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bare word filters by metric-name substring. A selector name{label=&quot;value&quot;,label=~&quot;regex&quot;} filters like PromQL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Follow the newest data. Dragging the plot pauses; click to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>15 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length of the time window shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wheel: zoom time · Drag: pan (pauses live)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>Fenster:</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid selector: %1</source>
        <translation>Ungültiger Selektor: %1</translation>
    </message>
    <message>
        <source>%1 of %2 series</source>
        <translation>%1 von %2 Serien</translation>
    </message>
</context>
<context>
    <name>vigil::SeriesFilterProxy</name>
    <message>
        <source>invalid selector</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::SeriesListModel</name>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Last value</source>
        <translation>Letzter Wert</translation>
    </message>
</context>
<context>
    <name>vigil::SeriesPlot</name>
    <message>
        <source> (right axis)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate (per second)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::StoreStatusBar</name>
    <message>
        <source>Series store: series, samples held, memory accounted, samples evicted (by retention or memory budget)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ingest hub: batches applied, dropped because the queue was full, and waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series %1 · Samples %2 · Memory %3 · Evicted %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batches %1 · Dropped %2 · Queued %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::TargetRegistry</name>
    <message>
        <source>Not an http(s) URL: enter something like http://host:9100/metrics</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::TargetsModel</name>
    <message>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up</source>
        <translation>erreichbar</translation>
    </message>
    <message>
        <source>down</source>
        <translation>ausgefallen</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 (retrying)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (retry in %2 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Last scrape</source>
        <translation>Letzter Abruf</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Samples</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fehlschläge</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
</TS>

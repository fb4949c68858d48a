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
    <message>
        <source>Ingest NDJSON events from this source (repeatable): tcp-listen://:7000, tcp://host:port, udp://:port, file:PATH (follow), PATH (read once) or - (stdin). All sources feed one in-process event engine.</source>
        <translation>NDJSON-Ereignisse aus dieser Quelle einlesen (mehrfach möglich): tcp-listen://:7000, tcp://host:port, udp://:port, file:PFAD (folgen), PFAD (einmal lesen) oder - (stdin). Alle Quellen speisen eine prozessinterne Ereignis-Engine.</translation>
    </message>
    <message>
        <source>Open on this page: explorer (default), events or engine.</source>
        <translation>Mit dieser Seite starten: explorer (Standard), events oder engine.</translation>
    </message>
    <message>
        <source>Demo event stream failed: %1</source>
        <translation>Demo-Ereignisstrom fehlgeschlagen: %1</translation>
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
    <name>vigil::EnginePanel</name>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Every received event is processed, deduplicated, dropped (lane full), malformed, or still in flight.</source>
        <translation>Jedes empfangene Ereignis ist verarbeitet, dedupliziert, verworfen (Spur voll), fehlerhaft oder noch unterwegs.</translation>
    </message>
    <message>
        <source>Priority lanes</source>
        <translation>Prioritätsspuren</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>Spur</translation>
    </message>
    <message>
        <source>Depth / capacity</source>
        <translation>Füllstand / Kapazität</translation>
    </message>
    <message>
        <source>Events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>Verarbeitet</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Deduplication</source>
        <translation>Deduplizierung</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>P50</source>
        <translation>P50</translation>
    </message>
    <message>
        <source>P90</source>
        <translation>P90</translation>
    </message>
    <message>
        <source>P99</source>
        <translation>P99</translation>
    </message>
    <message>
        <source>P99.9</source>
        <translation>P99,9</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>received %1 = processed %2 + deduplicated %3 + dropped %4 + malformed %5 + in flight %6</source>
        <translation>empfangen %1 = verarbeitet %2 + dedupliziert %3 + verworfen %4 + fehlerhaft %5 + unterwegs %6</translation>
    </message>
    <message>
        <source>%1 events/s · %2 received · %3 processed</source>
        <translation>%1 Ereignisse/s · %2 empfangen · %3 verarbeitet</translation>
    </message>
    <message>
        <source>  (does not add up)</source>
        <translation>  (geht nicht auf)</translation>
    </message>
    <message>
        <source>Hit ratio %1
%2 duplicates of %3 lookups
Keys memory %4</source>
        <translation>Trefferquote %1
%2 Duplikate bei %3 Abfragen
Schlüsselspeicher %4</translation>
    </message>
    <message>
        <source>End to end</source>
        <translation>Ende zu Ende</translation>
    </message>
    <message>
        <source>Field latency</source>
        <translation>Feldlatenz</translation>
    </message>
    <message>
        <source>End to end, sliding window</source>
        <translation>Ende zu Ende, gleitendes Fenster</translation>
    </message>
    <message>
        <source>Field latency, sliding window</source>
        <translation>Feldlatenz, gleitendes Fenster</translation>
    </message>
    <message>
        <source>End to end, %1</source>
        <translation>Ende zu Ende, %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>vigil::EventFilter</name>
    <message>
        <source>unterminated quote</source>
        <translation>Anführungszeichen nicht geschlossen</translation>
    </message>
    <message>
        <source>unterminated regex (missing closing /)</source>
        <translation>regulärer Ausdruck nicht abgeschlossen (schließendes / fehlt)</translation>
    </message>
    <message>
        <source>expected a space after the closing quote</source>
        <translation>Leerzeichen nach dem schließenden Anführungszeichen erwartet</translation>
    </message>
    <message>
        <source>unknown field &apos;%1&apos; (fields: priority, latency, queue, node, id, message, severity, source)</source>
        <translation>unbekanntes Feld &apos;%1&apos; (Felder: priority, latency, queue, node, id, message, severity, source)</translation>
    </message>
    <message>
        <source>unknown operator (use = != &lt; &lt;= &gt; &gt;= ~ !~)</source>
        <translation>unbekannter Operator (erlaubt: = != &lt; &lt;= &gt; &gt;= ~ !~)</translation>
    </message>
    <message>
        <source>missing value after &apos;%1&apos;</source>
        <translation>Wert nach &apos;%1&apos; fehlt</translation>
    </message>
    <message>
        <source>expected a space after the value</source>
        <translation>Leerzeichen nach dem Wert erwartet</translation>
    </message>
    <message>
        <source>priority takes = != &lt; &lt;= &gt; &gt;=, not &apos;%1&apos;</source>
        <translation>priority erlaubt = != &lt; &lt;= &gt; &gt;=, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown priority &apos;%1&apos; (critical, high, medium, low)</source>
        <translation>unbekannte Priorität &apos;%1&apos; (critical, high, medium, low)</translation>
    </message>
    <message>
        <source>latency takes = != &lt; &lt;= &gt; &gt;=, not &apos;%1&apos;</source>
        <translation>latency erlaubt = != &lt; &lt;= &gt; &gt;=, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>latency needs a number and a unit: ns, us, ms or s (like 2.5ms), not &apos;%1&apos;</source>
        <translation>latency braucht eine Zahl mit Einheit: ns, us, ms oder s (etwa 2.5ms), nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; compares priority or latency only; text fields take = != ~ !~</source>
        <translation>&apos;%1&apos; vergleicht nur priority oder latency; Textfelder erlauben = != ~ !~</translation>
    </message>
    <message>
        <source>invalid regex: %1</source>
        <translation>ungültiger regulärer Ausdruck: %1</translation>
    </message>
</context>
<context>
    <name>vigil::EventSourcesModel</name>
    <message>
        <source>line %1, offset %2: %3</source>
        <translation>Zeile %1, Offset %2: %3</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>vigil::EventsModel</name>
    <message>
        <source>… (cut at %1 characters)</source>
        <translation>… (bei %1 Zeichen abgeschnitten)</translation>
    </message>
    <message>
        <source>Event time %1</source>
        <translation>Ereigniszeit %1</translation>
    </message>
    <message>
        <source>Arrived %1 (no event time)</source>
        <translation>Eingetroffen %1 (keine Ereigniszeit)</translation>
    </message>
    <message>
        <source>Severity: %1</source>
        <translation>Schweregrad: %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
</context>
<context>
    <name>vigil::EventsView</name>
    <message>
        <source>Filter: priority&lt;=high queue=realtime message~&quot;timeout&quot; latency&gt;2ms, or a word</source>
        <translation>Filter: priority&lt;=high queue=realtime message~&quot;timeout&quot; latency&gt;2ms oder ein Wort</translation>
    </message>
    <message>
        <source>Predicates joined by AND. priority and latency take = != &lt; &lt;= &gt; &gt;= (priority&lt;=high: critical or high; latency units ns, us, ms, s). Text fields (queue, node, id, message, severity, source) take = != (whole value), ~ !~ (contains) and ~/regex/. A bare word searches message and id.</source>
        <translation>Bedingungen werden mit UND verknüpft. priority und latency erlauben = != &lt; &lt;= &gt; &gt;= (priority&lt;=high: critical oder high; Latenz-Einheiten ns, us, ms, s). Textfelder (queue, node, id, message, severity, source) erlauben = != (ganzer Wert), ~ !~ (enthält) und ~/regex/. Ein einzelnes Wort sucht in Meldung und ID.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop taking new events so the table holds still. Resume catches up to the newest.</source>
        <translation>Keine neuen Ereignisse übernehmen, damit die Tabelle stillsteht. Fortsetzen holt bis zu den neuesten auf.</translation>
    </message>
    <message>
        <source>Select an event to see its JSON.</source>
        <translation>Ein Ereignis auswählen, um sein JSON zu sehen.</translation>
    </message>
    <message>
        <source>Filter not applied: %1</source>
        <translation>Filter nicht angewendet: %1</translation>
    </message>
    <message>
        <source>+%1 new</source>
        <translation>+%1 neu</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 Ereignisse</translation>
    </message>
    <message>
        <source>%1 of %2 events</source>
        <translation>%1 von %2 Ereignissen</translation>
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
    <message>
        <source>Explorer</source>
        <translation>Explorer</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>E&amp;xplorer</source>
        <translation>E&amp;xplorer</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>&amp;Ereignisse</translation>
    </message>
    <message>
        <source>E&amp;ngine</source>
        <translation>E&amp;ngine</translation>
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

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ClusterFormat</name>
    <message>
        <source>leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>follower</source>
        <translation>Follower</translation>
    </message>
    <message>
        <source>candidate</source>
        <translation>Kandidat</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>No leader</source>
        <translation>Kein Leader</translation>
    </message>
    <message>
        <source>Two leaders in one term</source>
        <translation>Zwei Leader in einem Term</translation>
    </message>
    <message>
        <source>Term went backwards</source>
        <translation>Term zurückgesprungen</translation>
    </message>
    <message>
        <source>Commit index stalled</source>
        <translation>Commit-Index stockt</translation>
    </message>
    <message>
        <source>Stale data</source>
        <translation>Veraltete Daten</translation>
    </message>
    <message>
        <source>Event loss</source>
        <translation>Ereignisverlust</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tagen</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>1 second ago</source>
        <translation>vor 1 Sekunde</translation>
    </message>
    <message>
        <source>%1 seconds ago</source>
        <translation>vor %1 Sekunden</translation>
    </message>
    <message>
        <source>1 minute ago</source>
        <translation>vor 1 Minute</translation>
    </message>
    <message>
        <source>%1 minutes ago</source>
        <translation>vor %1 Minuten</translation>
    </message>
    <message>
        <source>1 hour ago</source>
        <translation>vor 1 Stunde</translation>
    </message>
    <message>
        <source>%1 hours ago</source>
        <translation>vor %1 Stunden</translation>
    </message>
    <message>
        <source>1 day ago</source>
        <translation>vor 1 Tag</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>vor %1 Tagen</translation>
    </message>
</context>
<context>
    <name>DashboardFormat</name>
    <message>
        <source>+Inf</source>
        <translation>+Inf</translation>
    </message>
    <message>
        <source>-Inf</source>
        <translation>-Inf</translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation>%1 ns</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1G/s</source>
        <translation>%1G/s</translation>
    </message>
    <message>
        <source>%1M/s</source>
        <translation>%1M/s</translation>
    </message>
    <message>
        <source>%1k/s</source>
        <translation>%1k/s</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>▲ %1%</source>
        <translation>▲ %1%</translation>
    </message>
    <message>
        <source>▼ %1%</source>
        <translation>▼ %1%</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>&gt; %1</source>
        <translation>&gt; %1</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1 –</source>
        <translation>%1 –</translation>
    </message>
    <message>
        <source>%1 &gt; %2 (+Inf bucket)</source>
        <translation>%1 &gt; %2 (+Inf-Bucket)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2 (%3 bucket)</source>
        <translation>%1 %2 (Bucket %3)</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>steady</source>
        <translation>stabil</translation>
    </message>
    <message>
        <source>full in %1</source>
        <translation>voll in %1</translation>
    </message>
    <message>
        <source>drained in %1</source>
        <translation>leer in %1</translation>
    </message>
    <message>
        <source>full</source>
        <translation>voll</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>WARNUNG</translation>
    </message>
    <message>
        <source>STALL</source>
        <translation>STOCKT</translation>
    </message>
</context>
<context>
    <name>DataAgeText</name>
    <message>
        <source>dead — no data</source>
        <translation>ausgefallen — keine Daten</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>dead — last sample %1 ago</source>
        <translation>ausgefallen — letztes Sample vor %1</translation>
    </message>
    <message>
        <source>last sample %1 ago</source>
        <translation>letztes Sample vor %1</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>High &amp;contrast (control room)</source>
        <translation>Hoher &amp;Kontrast (Leitwarte)</translation>
    </message>
</context>
<context>
    <name>vigil</name>
    <message>
        <source>Vigil: a native monitoring console. Scrapes Prometheus/OpenMetrics endpoints and shows their series live.</source>
        <translation>Vigil: eine native Monitoring-Konsole. Ruft Prometheus-/OpenMetrics-Endpunkte ab und zeigt ihre Serien live an.</translation>
    </message>
    <message>
        <source>Start a simulated 3-node EventStreamCore cluster in-process on loopback (free ports) and scrape each node every second, so live data shows up within seconds.</source>
        <translation>Einen simulierten EventStreamCore-Cluster mit 3 Knoten prozessintern auf Loopback (freie Ports) starten und jeden Knoten sekündlich abrufen, sodass innerhalb von Sekunden Live-Daten erscheinen.</translation>
    </message>
    <message>
        <source>Scrape this /metrics URL (repeatable). Credentials in the URL (user:password@host) are used for this run only and never saved.</source>
        <translation>Diese /metrics-URL abrufen (mehrfach möglich). Zugangsdaten in der URL (user:password@host) gelten nur für diesen Lauf und werden nie gespeichert.</translation>
    </message>
    <message>
        <source>Scrape interval in seconds for --target URLs (default 5, 0.1 to 3600).</source>
        <translation>Abrufintervall in Sekunden für --target-URLs (Standard 5, 0.1 bis 3600).</translation>
    </message>
    <message>
        <source>Render the main window to this PNG file after --after milliseconds and exit (0 on success, 1 if the file cannot be written). Works with QT_QPA_PLATFORM=offscreen; settings are neither read nor written.</source>
        <translation>Das Hauptfenster nach --after Millisekunden in diese PNG-Datei rendern und beenden (0 bei Erfolg, 1, wenn die Datei nicht geschrieben werden kann). Funktioniert mit QT_QPA_PLATFORM=offscreen; Einstellungen werden weder gelesen noch geschrieben.</translation>
    </message>
    <message>
        <source>Delay before --screenshot is taken, in milliseconds (default 3000).</source>
        <translation>Verzögerung in Millisekunden, bevor --screenshot aufgenommen wird (Standard 3000).</translation>
    </message>
    <message>
        <source>Window size for --screenshot, as WIDTHxHEIGHT (default 1600x1000).</source>
        <translation>Fenstergröße für --screenshot als BREITExHÖHE (Standard 1600x1000).</translation>
    </message>
    <message>
        <source>Vigil — demo cluster</source>
        <translation>Vigil — Demo-Cluster</translation>
    </message>
    <message>
        <source>Demo cluster failed: %1</source>
        <translation>Demo-Cluster fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Ingest NDJSON events from this source (repeatable): tcp-listen://:7000, tcp://host:port, udp://:port, file:PATH (follow), PATH (read once) or - (stdin). All sources feed one in-process event engine.</source>
        <translation>NDJSON-Ereignisse aus dieser Quelle einlesen (mehrfach möglich): tcp-listen://:7000, tcp://host:port, udp://:port, file:PFAD (folgen), PFAD (einmal lesen) oder - (stdin). Alle Quellen speisen eine prozessinterne Ereignis-Engine.</translation>
    </message>
    <message>
        <source>Demo event stream failed: %1</source>
        <translation>Demo-Ereignisstrom fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Open on this page: overview (default), latency, queues, cluster, events, engine or explorer (the tab order; Ctrl+1..7 switch).</source>
        <translation>Auf dieser Seite starten: overview (Standard), latency, queues, cluster, events, engine oder explorer (Reihenfolge der Tabs; Strg+1..7 wechselt).</translation>
    </message>
    <message>
        <source>Wall mode for a control-room screen: full screen, no menus, docks or status bar, large type, a stale-data badge on every page, rotating through --dashboards every --rotate. F11 or Escape leaves it.</source>
        <translation>Wandmodus für einen Bildschirm in der Leitwarte: Vollbild, keine Menüs, Docks oder Statusleiste, große Schrift, eine Anzeige veralteter Daten auf jeder Seite, wechselt alle --rotate durch die --dashboards. F11 oder Esc beendet ihn.</translation>
    </message>
    <message>
        <source>In wall mode, show the next dashboard after this long: 30s, 2m, 1h or plain seconds (5 s to 24 h; 0 stops rotating; default 30s; saved).</source>
        <translation>Im Wandmodus nach dieser Dauer das nächste Dashboard zeigen: 30s, 2m, 1h oder reine Sekunden (5 s bis 24 h; 0 beendet den Wechsel; Standard 30s; wird gespeichert).</translation>
    </message>
    <message>
        <source>Comma-separated pages shown and rotated in wall mode, e.g. overview,cluster (default: all; saved).</source>
        <translation>Kommagetrennte Seiten, die im Wandmodus gezeigt und gewechselt werden, z. B. overview,cluster (Standard: alle; wird gespeichert).</translation>
    </message>
    <message>
        <source>Colour theme: light, dark or contrast (high contrast, larger type, readable across a room). Saved; also under View &gt; Theme.</source>
        <translation>Farbdesign: light, dark oder contrast (hoher Kontrast, größere Schrift, quer durch den Raum lesbar). Wird gespeichert; auch unter Ansicht &gt; Design.</translation>
    </message>
    <message>
        <source>Cluster profile for the Cluster page: eventstream (default) or etcd, or a profile JSON file. The --target URLs (or the --demo nodes) are the cluster&apos;s members.</source>
        <translation>Cluster-Profil für die Seite Cluster: eventstream (Standard), etcd oder eine Profil-JSON-Datei. Die --target-URLs (bzw. die --demo-Knoten) sind die Mitglieder des Clusters.</translation>
    </message>
    <message>
        <source>Measure the GUI thread: time spent in every refresh tick and the lateness of a 16 ms heartbeat; write a JSON summary (p50/p99/max in ms) to FILE at exit.</source>
        <translation>GUI-Thread messen: Zeit in jedem Aktualisierungs-Tick und Verspätung eines 16-ms-Heartbeats; beim Beenden eine JSON-Zusammenfassung (p50/p99/max in ms) nach FILE schreiben.</translation>
    </message>
    <message>
        <source>Quit by itself after S seconds (for measurements and soak runs).</source>
        <translation>Nach S Sekunden selbst beenden (für Messungen und Dauertests).</translation>
    </message>
    <message>
        <source>Time range the dashboards show, live: 5m, 15m, 1h, 6h or any duration from 10 s to 24 h (default 15m; saved; also the picker on every dashboard).</source>
        <translation>Zeitbereich, den die Dashboards live zeigen: 5m, 15m, 1h, 6h oder eine Dauer von 10 s bis 24 h (Standard 15m; wird gespeichert; auch über die Auswahl auf jedem Dashboard).</translation>
    </message>
    <message>
        <source>Record everything this window receives (samples, events, cluster states, notes) into this new .vcap capture from the start; stop with File &gt; Stop recording. The file must not exist yet.</source>
        <translation>Alles, was dieses Fenster empfängt (Samples, Ereignisse, Cluster-Zustände, Notizen), von Beginn an in diesen neuen .vcap-Mitschnitt aufzeichnen; beenden mit Datei &gt; Aufzeichnung stoppen. Die Datei darf noch nicht existieren.</translation>
    </message>
    <message>
        <source>With a CAPTURE: skip damaged frames and go on after them (each reported) instead of stopping at the first one.</source>
        <translation>Mit einem CAPTURE: beschädigte Frames überspringen und danach weiterlesen (jeder wird gemeldet), statt beim ersten anzuhalten.</translation>
    </message>
    <message>
        <source>A .vcap capture to open offline, read-only: the same dashboards, replayed with a timeline (no live sources are started).</source>
        <translation>Ein .vcap-Mitschnitt, der offline und schreibgeschützt geöffnet wird: dieselben Dashboards, wiedergegeben mit Zeitleiste (es werden keine Live-Quellen gestartet).</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>Mitschnitt</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cannot open capture</source>
        <translation>Mitschnitt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>With a CAPTURE: start replaying at once at this speed: 1, 10, 100 or max (as fast as possible). Default: paused at the first window.</source>
        <translation>Mit einem CAPTURE: sofort mit dieser Geschwindigkeit wiedergeben: 1, 10, 100 oder max (so schnell wie möglich). Standard: angehalten beim ersten Zeitfenster.</translation>
    </message>
    <message>
        <source>With a CAPTURE: start over at the end (e.g. an incident replayed on a wall display).</source>
        <translation>Mit einem CAPTURE: am Ende von vorn beginnen (z. B. ein Vorfall, der auf einer Wandanzeige wiedergegeben wird).</translation>
    </message>
    <message>
        <source>Cannot open the capture: %1</source>
        <translation>Der Mitschnitt kann nicht geöffnet werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Notes file %1: %n line(s) that are not notes were skipped</source>
        <translation>
            <numerusform>Notizdatei %1: %n Zeile, die keine Notiz ist, wurde übersprungen</numerusform>
            <numerusform>Notizdatei %1: %n Zeilen, die keine Notizen sind, wurden übersprungen</numerusform>
        </translation>
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
        <translation>Zugangsdaten in der URL (user:password@host) gelten nur für diese Sitzung: Gespeichert wird nur die URL ohne Zugangsdaten.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Interval:</source>
        <translation>Intervall:</translation>
    </message>
    <message>
        <source>A node of the Raft cluster (Cluster page)</source>
        <translation>Knoten des Raft-Clusters (Seite Cluster)</translation>
    </message>
    <message>
        <source>Show this target as a node on the Cluster page. For etcd, enter the member&apos;s client URL (http://host:2379): it serves /metrics and the status API.</source>
        <translation>Dieses Ziel als Knoten auf der Seite Cluster anzeigen. Für etcd die Client-URL des Mitglieds eingeben (http://host:2379); diese liefert /metrics und die Status-API.</translation>
    </message>
</context>
<context>
    <name>vigil::AnomalyBanner</name>
    <message>
        <source>CRITICAL</source>
        <translation>KRITISCH</translation>
    </message>
    <message>
        <source>WARNING</source>
        <translation>WARNUNG</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 · for %2</source>
        <translation>%1 · seit %2</translation>
    </message>
    <message>
        <source>and %1 more anomalies</source>
        <translation>und %1 weitere Anomalien</translation>
    </message>
</context>
<context>
    <name>vigil::CaptureActions</name>
    <message>
        <source>&amp;Open capture…</source>
        <translation>&amp;Mitschnitt öffnen…</translation>
    </message>
    <message>
        <source>Open a .vcap capture in a window of its own (read-only).</source>
        <translation>Einen .vcap-Mitschnitt in einem eigenen Fenster öffnen (schreibgeschützt).</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Record…</source>
        <translation>&amp;Aufzeichnen…</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>&amp;Notiz hinzufügen…</translation>
    </message>
    <message>
        <source>Recording %1 stopped: %2</source>
        <translation>Aufzeichnung %1 gestoppt: %2</translation>
    </message>
    <message>
        <source>Recording saved: %1</source>
        <translation>Aufzeichnung gespeichert: %1</translation>
    </message>
    <message>
        <source>A capture opened offline is read-only: record from a live window.</source>
        <translation>Ein offline geöffneter Mitschnitt ist schreibgeschützt: Aus einem Live-Fenster aufzeichnen.</translation>
    </message>
    <message>
        <source>Add a note at the replay position; saved beside the capture, never into it.</source>
        <translation>Eine Notiz an der Wiedergabeposition hinzufügen; sie wird neben dem Mitschnitt gespeichert, nie darin.</translation>
    </message>
    <message>
        <source>Stop &amp;recording</source>
        <translation>Aufzeichnung &amp;stoppen</translation>
    </message>
    <message>
        <source>Add a note to the recording at this moment.</source>
        <translation>Der Aufzeichnung an dieser Stelle eine Notiz hinzufügen.</translation>
    </message>
    <message>
        <source>Notes are kept in recordings: start recording first.</source>
        <translation>Notizen werden in Aufzeichnungen gespeichert: Zuerst die Aufzeichnung starten.</translation>
    </message>
    <message>
        <source>Record to</source>
        <translation>Aufzeichnen nach</translation>
    </message>
    <message>
        <source>Vigil captures (*.vcap)</source>
        <translation>Vigil-Mitschnitte (*.vcap)</translation>
    </message>
    <message>
        <source>Cannot record</source>
        <translation>Aufzeichnung nicht möglich</translation>
    </message>
    <message>
        <source>Cannot record to %1: %2</source>
        <translation>Aufzeichnung nach %1 nicht möglich: %2</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>Aufzeichnung nach %1</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Note for this moment (kept in the recording):</source>
        <translation>Notiz zu diesem Zeitpunkt (wird in der Aufzeichnung gespeichert):</translation>
    </message>
    <message>
        <source>Open capture</source>
        <translation>Mitschnitt öffnen</translation>
    </message>
    <message>
        <source>Vigil captures (*.vcap);;All files (*)</source>
        <translation>Vigil-Mitschnitte (*.vcap);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No such capture: %1</source>
        <translation>Mitschnitt nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Could not start a window for %1</source>
        <translation>Fenster für %1 konnte nicht gestartet werden</translation>
    </message>
    <message>
        <source>Opening %1 in a new window</source>
        <translation>%1 wird in einem neuen Fenster geöffnet</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
</context>
<context>
    <name>vigil::CaptureTimeline</name>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Election</source>
        <translation>Wahl</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>Damage</source>
        <translation>Beschädigung</translation>
    </message>
    <message>
        <source>Capture timeline</source>
        <translation>Zeitleiste des Mitschnitts</translation>
    </message>
    <message>
        <source>Not indexed (indexing cancelled)</source>
        <translation>Nicht indiziert (Indizierung abgebrochen)</translation>
    </message>
    <message>
        <source>Not indexed yet</source>
        <translation>Noch nicht indiziert</translation>
    </message>
    <message>
        <source>Events: %1/s · Samples: %2/s</source>
        <translation>Ereignisse: %1/s · Samples: %2/s</translation>
    </message>
    <message>
        <source>Scrapes: %1, %2 failed</source>
        <translation>Abrufe: %1, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Scrapes: %1</source>
        <translation>Abrufe: %1</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 um %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>(%n more marks here)</source>
        <translation>
            <numerusform>(%n weitere Markierung hier)</numerusform>
            <numerusform>(%n weitere Markierungen hier)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the capture: %1</source>
        <translation>Mitschnitt kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No capture open</source>
        <translation>Kein Mitschnitt geöffnet</translation>
    </message>
    <message>
        <source>Indexing cancelled</source>
        <translation>Indizierung abgebrochen</translation>
    </message>
    <message>
        <source>Indexing… %1 %</source>
        <translation>Indizierung… %1 %</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>Indizierung…</translation>
    </message>
    <message>
        <source>events/s, max %1</source>
        <translation>Ereignisse/s, max. %1</translation>
    </message>
    <message>
        <source>samples/s, max %1</source>
        <translation>Samples/s, max. %1</translation>
    </message>
</context>
<context>
    <name>vigil::ClusterNodesModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Commit</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>Commit − applied</source>
        <translation>Commit − Applied</translation>
    </message>
    <message>
        <source>Replication lag (entries)</source>
        <translation>Replikationsrückstand (Einträge)</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>Peers</translation>
    </message>
    <message>
        <source>Elections</source>
        <translation>Wahlen</translation>
    </message>
    <message>
        <source>Last election</source>
        <translation>Letzte Wahl</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>vigil::ClusterPage</name>
    <message>
        <source>Nodes</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Elections</source>
        <translation>Wahlen</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>No cluster data yet</source>
        <translation>Noch keine Cluster-Daten</translation>
    </message>
    <message>
        <source>%1 cluster · leader: %2 · term %3 · %4 of %5 nodes reachable</source>
        <translation>%1-Cluster · Leader: %2 · Term %3 · %4 von %5 Knoten erreichbar</translation>
    </message>
    <message>
        <source>Raft</source>
        <translation>Raft</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
</context>
<context>
    <name>vigil::ElectionTimeline</name>
    <message>
        <source>not observed</source>
        <translation>nicht beobachtet</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No role history yet</source>
        <translation>Noch kein Rollenverlauf</translation>
    </message>
    <message>
        <source>not observed yet</source>
        <translation>noch nicht beobachtet</translation>
    </message>
    <message>
        <source>term %1</source>
        <translation>Term %1</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>−%1 min</source>
        <translation>−%1 min</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>Leader changes</source>
        <translation>Leader-Wechsel</translation>
    </message>
    <message>
        <source>%1  %2 became leader (term %3)</source>
        <translation>%1  %2 wurde Leader (Term %3)</translation>
    </message>
    <message>
        <source>%1  %2 became leader</source>
        <translation>%1  %2 wurde Leader</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>keine erfasst</translation>
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
    <message>
        <source> · %1 passed too fast to tail</source>
        <translation> · %1 zu schnell für die Live-Anzeige</translation>
    </message>
</context>
<context>
    <name>vigil::LatencyPage</name>
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
        <source>&gt; %1</source>
        <translation>&gt; %1</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Histogram to show</source>
        <translation>Anzuzeigendes Histogramm</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Percentiles over the window (histogram_quantile)</source>
        <translation>Perzentile im Zeitfenster (histogram_quantile)</translation>
    </message>
    <message>
        <source>Observations in the window</source>
        <translation>Beobachtungen im Zeitfenster</translation>
    </message>
    <message>
        <source>Histogram of the window</source>
        <translation>Histogramm des Zeitfensters</translation>
    </message>
    <message>
        <source>Percentiles over time</source>
        <translation>Perzentile im Zeitverlauf</translation>
    </message>
    <message>
        <source>Distribution over time</source>
        <translation>Verteilung im Zeitverlauf</translation>
    </message>
    <message>
        <source>No latency histogram in the store yet</source>
        <translation>Noch kein Latenz-Histogramm im Speicher</translation>
    </message>
    <message>
        <source>%1 observations in the window from %2 series of %3</source>
        <translation>%1 Beobachtungen im Zeitfenster aus %2 Serien von %3</translation>
    </message>
    <message>
        <source>%1
%2 observations</source>
        <translation>%1
%2 Beobachtungen</translation>
    </message>
    <message>
        <source>most in %1 (%2)</source>
        <translation>die meisten in %1 (%2)</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 um %2</translation>
    </message>
    <message>
        <source>%1 observations in the %2 s around %3</source>
        <translation>%1 Beobachtungen in den %2 s um %3</translation>
    </message>
</context>
<context>
    <name>vigil::LiveRecorder</name>
    <message>
        <source>Already recording to %1.</source>
        <translation>Es wird bereits nach %1 aufgezeichnet.</translation>
    </message>
    <message>
        <source>Notes are kept in recordings: start recording first.</source>
        <translation>Notizen werden in Aufzeichnungen gespeichert: Zuerst die Aufzeichnung starten.</translation>
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
        <translation>Vigil</translation>
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
        <translation>Eine weitere /metrics-URL abrufen. Zugangsdaten in der URL werden nie gespeichert.</translation>
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
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Add target</source>
        <translation>Ziel hinzufügen</translation>
    </message>
    <message>
        <source>Added %1 (credentials kept for this session only)</source>
        <translation>%1 hinzugefügt (Zugangsdaten nur für diese Sitzung behalten)</translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation>%1 hinzugefügt</translation>
    </message>
    <message>
        <source>About Vigil</source>
        <translation>Über Vigil</translation>
    </message>
    <message>
        <source>Vigil %1

A native monitoring console: scrapes Prometheus and OpenMetrics endpoints and plots their series live.</source>
        <translation>Vigil %1

Eine native Monitoring-Konsole: ruft Prometheus- und OpenMetrics-Endpunkte ab und stellt ihre Serien live als Diagramm dar.</translation>
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
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Warteschlangen</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Übersicht</translation>
    </message>
    <message>
        <source>&amp;Latency</source>
        <translation>&amp;Latenz</translation>
    </message>
    <message>
        <source>&amp;Queues</source>
        <translation>&amp;Warteschlangen</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>&amp;Cluster</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>&amp;Wall mode</source>
        <translation>Wand&amp;modus</translation>
    </message>
    <message>
        <source>Full screen, large type, rotating dashboards; F11 or Escape leaves</source>
        <translation>Vollbild, große Schrift, wechselnde Dashboards; F11 oder Esc beendet</translation>
    </message>
    <message>
        <source>This window shows a capture; add targets in a live window.</source>
        <translation>Dieses Fenster zeigt einen Mitschnitt; Ziele in einem Live-Fenster hinzufügen.</translation>
    </message>
    <message>
        <source>%1 — Vigil capture (read-only)</source>
        <translation>%1 — Vigil-Mitschnitt (schreibgeschützt)</translation>
    </message>
</context>
<context>
    <name>vigil::MetricExplorer</name>
    <message>
        <source>Filter: metric name, or selector like up{job=&quot;vigil&quot;}</source>
        <translation>Filter: Metrikname oder Selektor wie up{job=&quot;vigil&quot;}</translation>
    </message>
    <message>
        <source>A bare word filters by metric-name substring. A selector name{label=&quot;value&quot;,label=~&quot;regex&quot;} filters like PromQL.</source>
        <translation>Ein einzelnes Wort filtert nach Teilstring im Metriknamen. Ein Selektor name{label=&quot;value&quot;,label=~&quot;regex&quot;} filtert wie PromQL.</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Follow the newest data. Dragging the plot pauses; click to resume.</source>
        <translation>Den neuesten Daten folgen. Ziehen im Diagramm pausiert; Klick setzt fort.</translation>
    </message>
    <message>
        <source>1 min</source>
        <translation>1 min</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 min</translation>
    </message>
    <message>
        <source>15 min</source>
        <translation>15 min</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>6 h</source>
        <translation>6 h</translation>
    </message>
    <message>
        <source>Length of the time window shown</source>
        <translation>Länge des angezeigten Zeitfensters</translation>
    </message>
    <message>
        <source>Wheel: zoom time · Drag: pan (pauses live)</source>
        <translation>Mausrad: Zeit zoomen · Ziehen: verschieben (pausiert Live)</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>Fenster:</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
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
    <name>vigil::OfflinePanel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Notes of this capture and the ones added here. Double-click to go there.</source>
        <translation>Notizen dieses Mitschnitts und die hier hinzugefügten. Doppelklick springt dorthin.</translation>
    </message>
    <message>
        <source>Salvage capture</source>
        <translation>Mitschnitt retten</translation>
    </message>
    <message>
        <source>Open the capture again, skipping every damaged frame and going on after it? The file itself is not changed.</source>
        <translation>Den Mitschnitt erneut öffnen, dabei jeden beschädigten Frame überspringen und danach weiterlesen? Die Datei selbst wird nicht verändert.</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Note at %1 (saved beside the capture, which stays unchanged):</source>
        <translation>Notiz um %1 (wird neben dem Mitschnitt gespeichert, der unverändert bleibt):</translation>
    </message>
    <message>
        <source>Save notes to</source>
        <translation>Notizen speichern unter</translation>
    </message>
    <message>
        <source>Vigil notes (*.notes.jsonl)</source>
        <translation>Vigil-Notizen (*.notes.jsonl)</translation>
    </message>
    <message>
        <source>Note not saved</source>
        <translation>Notiz nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>vigil::OfflineSession</name>
    <message>
        <source>Opening was cancelled.</source>
        <translation>Das Öffnen wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Cannot write the notes file %1: %2</source>
        <translation>Notizdatei %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>vigil::OverviewPage</name>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>P99 latency</source>
        <translation>P99-Latenz</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>Warteschlangen-Füllstand</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>Events processed/s</source>
        <translation>Verarbeitete Ereignisse/s</translation>
    </message>
    <message>
        <source>Latency distribution</source>
        <translation>Latenzverteilung</translation>
    </message>
    <message>
        <source>Queue depth by type</source>
        <translation>Füllstand nach Warteschlangentyp</translation>
    </message>
    <message>
        <source>Events processed per second, all nodes (was %1 at the window start)</source>
        <translation>Verarbeitete Ereignisse pro Sekunde, alle Knoten (zu Fensterbeginn: %1)</translation>
    </message>
    <message>
        <source>P99</source>
        <translation>P99</translation>
    </message>
    <message>
        <source>Events waiting in all queues of all nodes (was %1 at the window start)</source>
        <translation>Wartende Ereignisse in allen Warteschlangen aller Knoten (zu Fensterbeginn: %1)</translation>
    </message>
    <message>
        <source>&gt; %1</source>
        <translation>&gt; %1</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>P50: %1    P90: %2    P99: %3    Max: %4</source>
        <translation>P50: %1    P90: %2    P99: %3    Max: %4</translation>
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
        <source>at %1</source>
        <translation>um %1</translation>
    </message>
</context>
<context>
    <name>vigil::PanelExporter</name>
    <message>
        <source>the panel has no data</source>
        <translation>das Panel enthält keine Daten</translation>
    </message>
    <message>
        <source>the panel has nothing to draw</source>
        <translation>das Panel enthält nichts zum Zeichnen</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>Export as PNG</source>
        <translation>Als PNG exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export data as CSV</source>
        <translation>Daten als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>Als PNG exportieren…</translation>
    </message>
    <message>
        <source>Export data as CSV…</source>
        <translation>Daten als CSV exportieren…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>vigil::QueueBars</name>
    <message>
        <source>No queue metrics yet</source>
        <translation>Noch keine Warteschlangen-Metriken</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
</context>
<context>
    <name>vigil::QueueTableModel</name>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Füllstand</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>Füllgrad</translation>
    </message>
    <message>
        <source>Push/s</source>
        <translation>Push/s</translation>
    </message>
    <message>
        <source>Pop/s</source>
        <translation>Pop/s</translation>
    </message>
    <message>
        <source>Full events</source>
        <translation>Abgewiesen (voll)</translation>
    </message>
    <message>
        <source>Full / drained</source>
        <translation>Voll / leer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Depth trend</source>
        <translation>Füllstandstrend</translation>
    </message>
</context>
<context>
    <name>vigil::QueuesPage</name>
    <message>
        <source>Queues</source>
        <translation>Warteschlangen</translation>
    </message>
    <message>
        <source>Status: STALL when a queue grows (or rejects pushes) while nothing is popped for 30 s; WARN above 80% full. Rates over the last minute.</source>
        <translation>Status: STOCKT, wenn eine Warteschlange wächst (oder Pushes abweist), während 30 s lang nichts entnommen wird; WARNUNG bei über 80% Füllgrad. Raten über die letzte Minute.</translation>
    </message>
    <message numerus="yes">
        <source>%n queue(s)</source>
        <translation>
            <numerusform>%n Warteschlange</numerusform>
            <numerusform>%n Warteschlangen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 WARN, %2 STALL</source>
        <translation>%1 WARNUNG, %2 STOCKT</translation>
    </message>
</context>
<context>
    <name>vigil::RecordIndicator</name>
    <message>
        <source>Recording</source>
        <translation>Aufzeichnung</translation>
    </message>
    <message>
        <source>Recording stopped: %1</source>
        <translation>Aufzeichnung gestoppt: %1</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>REC  %1 · %2 · %3 · %4 rec/s · durable %5</source>
        <translation>REC  %1 · %2 · %3 · %4 Datensätze/s · gesichert %5</translation>
    </message>
    <message>
        <source> · file %1</source>
        <translation> · Datei %1</translation>
    </message>
    <message>
        <source> · %1 dropped</source>
        <translation> · %1 verworfen</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>Aufzeichnung nach %1</translation>
    </message>
    <message>
        <source>Written %1 (all files %2), durable %3</source>
        <translation>Geschrieben %1 (alle Dateien %2), gesichert %3</translation>
    </message>
    <message>
        <source>Records: %1 samples, %2 events, %3 scrapes, %4 cluster states, %5 notes</source>
        <translation>Datensätze: %1 Samples, %2 Ereignisse, %3 Abrufe, %4 Cluster-Zustände, %5 Notizen</translation>
    </message>
    <message>
        <source>Compression: %1 : 1</source>
        <translation>Kompression: %1 : 1</translation>
    </message>
    <message>
        <source>Dropped: %1 records (queue full)</source>
        <translation>Verworfen: %1 Datensätze (Warteschlange voll)</translation>
    </message>
    <message>
        <source>Click to stop recording</source>
        <translation>Klicken, um die Aufzeichnung zu stoppen</translation>
    </message>
</context>
<context>
    <name>vigil::ReplayBar</name>
    <message>
        <source>Play or pause the replay (Space)</source>
        <translation>Wiedergabe starten oder anhalten (Leertaste)</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ Abspielen</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ Anhalten</translation>
    </message>
    <message>
        <source>1×</source>
        <translation>1×</translation>
    </message>
    <message>
        <source>10×</source>
        <translation>10×</translation>
    </message>
    <message>
        <source>100×</source>
        <translation>100×</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Replay speed (Max: as fast as the capture can be read)</source>
        <translation>Wiedergabegeschwindigkeit (Max: so schnell, wie der Mitschnitt gelesen werden kann)</translation>
    </message>
    <message>
        <source>⟲ Loop</source>
        <translation>⟲ Schleife</translation>
    </message>
    <message>
        <source>Start again from the beginning at the end of the capture (Ctrl+L)</source>
        <translation>Am Ende des Mitschnitts wieder von vorn beginnen (Strg+L)</translation>
    </message>
    <message>
        <source>Replay position (local time)</source>
        <translation>Wiedergabeposition (Ortszeit)</translation>
    </message>
    <message>
        <source>First and last record of the capture (local time)</source>
        <translation>Erster und letzter Datensatz des Mitschnitts (Ortszeit)</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>Notiz hinzufügen…</translation>
    </message>
    <message>
        <source>Add a note at the replay position</source>
        <translation>Eine Notiz an der Wiedergabeposition hinzufügen</translation>
    </message>
    <message>
        <source>Indexing… %p %</source>
        <translation>Indizierung… %p %</translation>
    </message>
    <message>
        <source>Indexing… %1 %</source>
        <translation>Indizierung… %1 %</translation>
    </message>
    <message>
        <source>Indexing the capture for the timeline; replay works meanwhile</source>
        <translation>Der Mitschnitt wird für die Zeitleiste indiziert; die Wiedergabe funktioniert währenddessen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop indexing (the timeline stays incomplete)</source>
        <translation>Indizierung abbrechen (die Zeitleiste bleibt unvollständig)</translation>
    </message>
    <message>
        <source>Salvage…</source>
        <translation>Retten…</translation>
    </message>
    <message>
        <source>Open the capture again, reading past the damaged frames</source>
        <translation>Den Mitschnitt erneut öffnen und dabei über die beschädigten Frames hinweg lesen</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>%1 (end)</source>
        <translation>%1 (Ende)</translation>
    </message>
    <message>
        <source>/ %1 – %2</source>
        <translation>/ %1 – %2</translation>
    </message>
    <message>
        <source>Damage: %1</source>
        <translation>Beschädigung: %1</translation>
    </message>
</context>
<context>
    <name>vigil::SeriesFilterProxy</name>
    <message>
        <source>invalid selector</source>
        <translation>ungültiger Selektor</translation>
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
        <translation> (rechte Achse)</translation>
    </message>
    <message>
        <source>rate (per second)</source>
        <translation>Rate (pro Sekunde)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>vigil::StoreStatusBar</name>
    <message>
        <source>Series store: series, samples held, memory accounted, samples evicted (by retention or memory budget)</source>
        <translation>Serienspeicher: Serien, gehaltene Samples, erfasster Speicher, verdrängte Samples (durch Aufbewahrungsdauer oder Speicherbudget)</translation>
    </message>
    <message>
        <source>Ingest hub: batches applied, dropped because the queue was full, and waiting</source>
        <translation>Ingest-Hub: übernommene Batches, wegen voller Warteschlange verworfene und wartende</translation>
    </message>
    <message>
        <source>Series %1 · Samples %2 · Memory %3 · Evicted %4</source>
        <translation>Serien %1 · Samples %2 · Speicher %3 · Verdrängt %4</translation>
    </message>
    <message>
        <source>Batches %1 · Dropped %2 · Queued %3</source>
        <translation>Batches %1 · Verworfen %2 · Wartend %3</translation>
    </message>
</context>
<context>
    <name>vigil::TargetRegistry</name>
    <message>
        <source>Not an http(s) URL: enter something like http://host:9100/metrics</source>
        <translation>Keine http(s)-URL: etwa http://host:9100/metrics eingeben</translation>
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
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
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
        <translation>%1 (wird wiederholt)</translation>
    </message>
    <message>
        <source>%1 (retry in %2 s)</source>
        <translation>%1 (Wiederholung in %2 s)</translation>
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
<context>
    <name>vigil::TimeRangeBar</name>
    <message>
        <source>Custom…</source>
        <translation>Benutzerdefiniert…</translation>
    </message>
    <message>
        <source>Time range of the dashboards: the last N minutes (live), or a custom range</source>
        <translation>Zeitraum der Dashboards: die letzten N Minuten (live) oder ein benutzerdefinierter Zeitraum</translation>
    </message>
    <message>
        <source>Live: the dashboards follow the newest data. Paused: they stay on a fixed range (dragging a plot into the past pauses; a double-click on a plot goes back to live).</source>
        <translation>Live: Die Dashboards folgen den neuesten Daten. Pausiert: Der Zeitraum bleibt fest (Ziehen eines Diagramms in die Vergangenheit pausiert; Doppelklick auf ein Diagramm kehrt zu Live zurück).</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>● Live</source>
        <translation>● Live</translation>
    </message>
    <message>
        <source>❚❚ Paused</source>
        <translation>❚❚ Pausiert</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Custom time range</source>
        <translation>Benutzerdefinierter Zeitraum</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Bis:</translation>
    </message>
    <message>
        <source>The range must run forwards and be between %1 and %2 long.</source>
        <translation>Das Ende muss nach dem Anfang liegen und der Zeitraum zwischen %1 und %2 lang sein.</translation>
    </message>
</context>
<context>
    <name>vigil::WallMode</name>
    <message>
        <source>Leave wall mode</source>
        <translation>Wandmodus verlassen</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>FlowVersion</name>
    <message>
        <source>unsaved edits of %1</source>
        <translation>ungespeicherte Änderungen an %1</translation>
    </message>
    <message>
        <source>%1 as saved</source>
        <translation>%1 wie gespeichert</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>AWS Step Functions (ASL)</source>
        <translation>AWS Step Functions (ASL)</translation>
    </message>
    <message>
        <source>Argo Workflows (Workflow YAML)</source>
        <translation>Argo Workflows (Workflow-YAML)</translation>
    </message>
    <message>
        <source>Deployment bundle (tutti serve: Docker, Kubernetes, systemd)</source>
        <translation>Deployment-Paket (tutti serve: Docker, Kubernetes, systemd)</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>bei %1</translation>
    </message>
    <message>
        <source>when %1</source>
        <translation>wenn %1</translation>
    </message>
    <message>
        <source>default</source>
        <translation>sonst</translation>
    </message>
    <message>
        <source>next</source>
        <translation>weiter</translation>
    </message>
    <message>
        <source>undo: %1</source>
        <translation>rückgängig: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n hidden step(s)</source>
        <translation>
            <numerusform>%1 · %n verborgener Schritt</numerusform>
            <numerusform>%1 · %n verborgene Schritte</numerusform>
        </translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>neuer Versuch</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>compensated</source>
        <translation>kompensiert</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>Breakpoint</source>
        <translation>Haltepunkt</translation>
    </message>
    <message>
        <source>Breakpoint when %1</source>
        <translation>Haltepunkt, wenn %1</translation>
    </message>
    <message>
        <source>paused here</source>
        <translation>hier angehalten</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Design, run and break API orchestration flows.</source>
        <translation>API-Orchestrierungs-Flows entwerfen, ausführen und auf die Probe stellen.</translation>
    </message>
    <message>
        <source>A workspace folder, or a file to open: a flow (*.flow.yaml), mock (*.mock.yaml) or profile (*.profile.yaml).</source>
        <translation>Ein Arbeitsbereich-Ordner oder eine zu öffnende Datei: ein Flow (*.flow.yaml), Mock (*.mock.yaml) oder Profil (*.profile.yaml).</translation>
    </message>
    <message>
        <source>Render the window to FILE (PNG) and quit.</source>
        <translation>Das Fenster als DATEI (PNG) speichern und beenden.</translation>
    </message>
    <message>
        <source>Window size for --screenshot, WxH.</source>
        <translation>Fenstergröße für --screenshot, BxH.</translation>
    </message>
    <message>
        <source>With --screenshot: &apos;run&apos; or &apos;simulate&apos; first, render when done.</source>
        <translation>Mit --screenshot: zuerst „run“ oder „simulate“, danach aufnehmen.</translation>
    </message>
    <message>
        <source>Run input (JSON) for --after run.</source>
        <translation>Eingabe (JSON) für --after run.</translation>
    </message>
    <message>
        <source>Mock profile file name.</source>
        <translation>Dateiname des Mock-Profils.</translation>
    </message>
    <message>
        <source>Runs for --after simulate.</source>
        <translation>Anzahl der Läufe für --after simulate.</translation>
    </message>
    <message>
        <source>Step to select (inspector).</source>
        <translation>Auszuwählender Schritt (Inspektor).</translation>
    </message>
    <message>
        <source>Run seed for --after run.</source>
        <translation>Seed für --after run.</translation>
    </message>
    <message>
        <source>Open a stored run in the run viewer (its id, or a prefix only it has), its flow painted with it.</source>
        <translation>Einen gespeicherten Lauf im Laufbetrachter öffnen (seine ID oder ein nur ihm eigenes Präfix), sein Flow damit eingefärbt.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::CodeEditor</name>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>Kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation>Spalte %1: %2</translation>
    </message>
</context>
<context>
    <name>tutti::editor::Commands</name>
    <message>
        <source>Add step %1</source>
        <translation>Schritt %1 hinzufügen</translation>
    </message>
    <message>
        <source>Delete step %1</source>
        <translation>Schritt %1 löschen</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>%1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Move step %1</source>
        <translation>Schritt %1 verschieben</translation>
    </message>
    <message>
        <source>Edit YAML</source>
        <translation>YAML bearbeiten</translation>
    </message>
    <message>
        <source>Collapse %1</source>
        <translation>%1 einklappen</translation>
    </message>
    <message>
        <source>Expand %1</source>
        <translation>%1 ausklappen</translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>%1 mit %2 verbinden</translation>
    </message>
    <message>
        <source>Disconnect %1</source>
        <translation>Verbindung von %1 trennen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n step(s)</source>
        <translation>
            <numerusform>%n Schritt löschen</numerusform>
            <numerusform>%n Schritte löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n step(s)</source>
        <translation>
            <numerusform>%n Schritt einfügen</numerusform>
            <numerusform>%n Schritte einfügen</numerusform>
        </translation>
    </message>
    <message>
        <source>Place pasted steps</source>
        <translation>Eingefügte Schritte platzieren</translation>
    </message>
</context>
<context>
    <name>tutti::editor::DebugPanel</name>
    <message>
        <source>Stack</source>
        <translation>Schrittpfad</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Kontext:</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Send the edited value to the paused run; the next steps read it</source>
        <translation>Den geänderten Wert an den angehaltenen Lauf senden; die nächsten Schritte lesen ihn</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Evaluate:</source>
        <translation>Auswerten:</translation>
    </message>
    <message>
        <source>an expression, e.g. steps.reserve.body.id</source>
        <translation>ein Ausdruck, z. B. steps.reserve.body.id</translation>
    </message>
    <message>
        <source>%1  (%2:%3)</source>
        <translation>%1  (%2:%3)</translation>
    </message>
    <message>
        <source>Open a flow to debug it.</source>
        <translation>Öffnen Sie einen Flow, um ihn zu debuggen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused&lt;/b&gt; before &lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation>&lt;b&gt;Angehalten&lt;/b&gt; vor &lt;b&gt;%1&lt;/b&gt;: %2</translation>
    </message>
    <message>
        <source>Running under the debugger…</source>
        <translation>Läuft im Debugger…</translation>
    </message>
    <message>
        <source>Not debugging. Select a step and press F9 for a breakpoint, then Ctrl+F5 to debug the flow.</source>
        <translation>Kein Debuglauf. Wählen Sie einen Schritt und drücken Sie F9 für einen Haltepunkt, dann Strg+F5, um den Flow zu debuggen.</translation>
    </message>
    <message numerus="yes">
        <source>Not debugging: %n breakpoint(s) set. Ctrl+F5 debugs the flow with the Run panel&apos;s input and environment.</source>
        <translation>
            <numerusform>Kein Debuglauf: %n Haltepunkt gesetzt. Strg+F5 debuggt den Flow mit Eingabe und Umgebung des Run-Bereichs.</numerusform>
            <numerusform>Kein Debuglauf: %n Haltepunkte gesetzt. Strg+F5 debuggt den Flow mit Eingabe und Umgebung des Run-Bereichs.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not applied: the text is not valid JSON (%1).</source>
        <translation>Nicht angewendet: der Text ist kein gültiges JSON (%1).</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Nicht angewendet: %1</translation>
    </message>
    <message>
        <source>Applied: the next steps read the new %1 (recorded in the trace).</source>
        <translation>Angewendet: die nächsten Schritte lesen das neue %1 (im Trace festgehalten).</translation>
    </message>
    <message>
        <source>request (what will be sent)</source>
        <translation>request (was gesendet wird)</translation>
    </message>
    <message>
        <source>Rendered from the context as it is now: edit input, vars or steps and the request follows. Secrets show redacted.</source>
        <translation>Aus dem aktuellen Kontext erzeugt: Ändern Sie input, vars oder steps, und die Anfrage folgt. Geheimnisse werden geschwärzt angezeigt.</translation>
    </message>
    <message>
        <source>Only the step about to run has a request to preview.</source>
        <translation>Nur der Schritt, der als Nächstes läuft, hat eine Anfrage zur Vorschau.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::EnvironmentPicker</name>
    <message>
        <source>mock: every service answers from its mock, no network. Other names come from the workspace&apos;s tutti.yaml and reach real services.</source>
        <translation>mock: Jeder Dienst antwortet aus seinem Mock, ohne Netzwerk. Andere Namen stammen aus der tutti.yaml des Arbeitsbereichs und erreichen echte Dienste.</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <source>Overlay latency and faults on the mocks (profiles/*.profile.yaml)</source>
        <translation>Latenz und Störungen über die Mocks legen (profiles/*.profile.yaml)</translation>
    </message>
    <message>
        <source>Mock profile:</source>
        <translation>Mock-Profil:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keins)</translation>
    </message>
</context>
<context>
    <name>tutti::editor::FaultsEditor</name>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Add fault</source>
        <translation>Störung hinzufügen</translation>
    </message>
    <message>
        <source>Inherit</source>
        <translation>Erben</translation>
    </message>
    <message>
        <source>Remove this list: the faults of the level above apply</source>
        <translation>Diese Liste entfernen: Es gelten die Störungen der Ebene darüber</translation>
    </message>
    <message>
        <source>What a step sees with</source>
        <translation>Was ein Schritt sieht mit</translation>
    </message>
    <message>
        <source> retries</source>
        <translation> Wiederholungen</translation>
    </message>
    <message>
        <source>The step&apos;s retry.retries: attempts = retries + 1</source>
        <translation>retry.retries des Schritts: Versuche = Wiederholungen + 1</translation>
    </message>
    <message>
        <source>e.g. 2s</source>
        <translation>z. B. 2s</translation>
    </message>
    <message>
        <source>Remove this fault</source>
        <translation>Diese Störung entfernen</translation>
    </message>
    <message>
        <source>Not set here: %1. </source>
        <translation>Hier nicht gesetzt: %1. </translation>
    </message>
    <message>
        <source>inherited</source>
        <translation>geerbt</translation>
    </message>
    <message>
        <source>No faults: every request gets its answer.</source>
        <translation>Keine Störungen: Jede Anfrage bekommt ihre Antwort.</translation>
    </message>
    <message>
        <source>slower answer</source>
        <translation>langsamere Antwort</translation>
    </message>
    <message>
        <source>Each request fails &lt;b&gt;%1&lt;/b&gt; (%2). A step with %3 retries (%4 attempts; retried by default: %5) still fails &lt;b&gt;%6&lt;/b&gt; of the time and sends %7 requests on average.</source>
        <translation>Jede Anfrage schlägt zu &lt;b&gt;%1&lt;/b&gt; fehl (%2). Ein Schritt mit %3 Wiederholungen (%4 Versuche; standardmäßig wiederholt: %5) scheitert trotzdem zu &lt;b&gt;%6&lt;/b&gt; und sendet im Mittel %7 Anfragen.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::FindBar</name>
    <message>
        <source>Find step: id, name, type or URL</source>
        <translation>Schritt suchen: ID, Name, Typ oder URL</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3, Shift+Enter)</source>
        <translation>Vorheriger Treffer (Umschalt+F3, Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Next match (F3, Enter)</source>
        <translation>Nächster Treffer (F3, Eingabe)</translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>tutti::editor::FlowEditor</name>
    <message>
        <source>YAML does not parse: %1</source>
        <translation>YAML lässt sich nicht parsen: %1</translation>
    </message>
    <message>
        <source>The edit replaced your typing in the YAML view; Ctrl+Z there brings it back.</source>
        <translation>Die Änderung hat Ihre Eingabe in der YAML-Ansicht ersetzt; Strg+Z dort holt sie zurück.</translation>
    </message>
    <message>
        <source>%1 does not parse — %2. Your text is kept as typed; Run and Simulate are refused until it parses.</source>
        <translation>%1 lässt sich nicht parsen – %2. Ihr Text bleibt wie eingegeben erhalten; Ausführen und Simulieren werden abgelehnt, bis er sich parsen lässt.</translation>
    </message>
    <message>
        <source>untitled.flow.yaml</source>
        <translation>unbenannt.flow.yaml</translation>
    </message>
    <message>
        <source>Rename step</source>
        <translation>Schritt umbenennen</translation>
    </message>
    <message>
        <source>New id for %1:</source>
        <translation>Neue ID für %1:</translation>
    </message>
</context>
<context>
    <name>tutti::editor::FlowScene</name>
    <message>
        <source>Double-click a step type in the palette or drag it here</source>
        <translation>Doppelklicken Sie auf einen Schritttyp in der Palette oder ziehen Sie ihn hierher</translation>
    </message>
    <message numerus="yes">
        <source>Move %n step(s)</source>
        <translation>
            <numerusform>%n Schritt verschieben</numerusform>
            <numerusform>%n Schritte verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Automatic layout</source>
        <translation>Automatisches Layout</translation>
    </message>
    <message>
        <source>Cannot add a %1 step here</source>
        <translation>Hier kann kein %1-Schritt eingefügt werden</translation>
    </message>
    <message>
        <source>Add step %1</source>
        <translation>Schritt %1 hinzufügen</translation>
    </message>
    <message>
        <source>Make room</source>
        <translation>Platz schaffen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n connection(s)</source>
        <translation>
            <numerusform>%n Verbindung löschen</numerusform>
            <numerusform>%n Verbindungen löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Align steps</source>
        <translation>Schritte ausrichten</translation>
    </message>
    <message>
        <source>A step named %1 already exists</source>
        <translation>Ein Schritt namens %1 existiert bereits</translation>
    </message>
</context>
<context>
    <name>tutti::editor::HistoryModel</name>
    <message>
        <source>Cannot read the trace database %1: %2</source>
        <translation>Die Trace-Datenbank %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 (at %2)</source>
        <translation>%1 (Schritt %2)</translation>
    </message>
    <message>
        <source> (virtual time)</source>
        <translation> (virtuelle Zeit)</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>läuft…</translation>
    </message>
    <message>
        <source>Click to sort</source>
        <translation>Zum Sortieren klicken</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flow</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>tutti::editor::HistoryPanel</name>
    <message>
        <source>Search run id or error text…</source>
        <translation>Lauf-ID oder Fehlertext suchen…</translation>
    </message>
    <message>
        <source>A run id or its start (the run_ part may be left out), or text in the run&apos;s error: its name, message or step</source>
        <translation>Eine Lauf-ID oder ihr Anfang (run_ kann entfallen) oder Text im Fehler des Laufs: sein Name, seine Meldung oder sein Schritt</translation>
    </message>
    <message>
        <source>Only the runs of this flow</source>
        <translation>Nur die Läufe dieses Flows</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Every run is kept in this database. To free space, delete old runs from a terminal:
  tutti trace prune --older-than 30d
  tutti trace prune --keep 10000
(tutti trace stats shows the same figures)</source>
        <translation>Jeder Lauf wird in dieser Datenbank aufbewahrt. Um Platz freizugeben, löschen Sie alte Läufe in einem Terminal:
  tutti trace prune --older-than 30d
  tutti trace prune --keep 10000
(tutti trace stats zeigt dieselben Zahlen)</translation>
    </message>
    <message>
        <source>All flows</source>
        <translation>Alle Flows</translation>
    </message>
    <message>
        <source>%1 runs · %2 on disk · free space: tutti trace prune --older-than 30d</source>
        <translation>%1 Läufe · %2 belegt · Platz freigeben: tutti trace prune --older-than 30d</translation>
    </message>
    <message>
        <source>size unknown: %1</source>
        <translation>Größe unbekannt: %1</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>1 matching run</source>
        <translation>1 passender Lauf</translation>
    </message>
    <message>
        <source>%1 matching runs</source>
        <translation>%1 passende Läufe</translation>
    </message>
    <message>
        <source>%1 shown of %2 matching runs</source>
        <translation>%1 von %2 passenden Läufen angezeigt</translation>
    </message>
    <message>
        <source>Open a workspace to see its runs.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, um seine Läufe zu sehen.</translation>
    </message>
    <message>
        <source>No runs yet. Run a flow (F5) or simulate it (F6): every run is kept here, as are runs of `tutti run` in this workspace.</source>
        <translation>Noch keine Läufe. Führen Sie einen Flow aus (F5) oder simulieren Sie ihn (F6): Jeder Lauf wird hier aufbewahrt, ebenso die Läufe von `tutti run` in diesem Arbeitsbereich.</translation>
    </message>
    <message>
        <source>No run matches these filters.</source>
        <translation>Kein Lauf passt zu diesen Filtern.</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>Lauf öffnen</translation>
    </message>
    <message>
        <source>Copy Run Id</source>
        <translation>Lauf-ID kopieren</translation>
    </message>
    <message>
        <source>Copy `tutti trace show` Command</source>
        <translation>Befehl `tutti trace show` kopieren</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Older than 30 days</source>
        <translation>Älter als 30 Tage</translation>
    </message>
</context>
<context>
    <name>tutti::editor::Inspector</name>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Errors and undo</source>
        <translation>Fehler und Rückgängigmachen</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Verhalten</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Full URL</source>
        <translation>Vollständige URL</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Query-Parameter</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Body (JSON)</source>
        <translation>Body (JSON)</translation>
    </message>
    <message>
        <source>Form body</source>
        <translation>Formular-Body</translation>
    </message>
    <message>
        <source>URL shorthand</source>
        <translation>URL-Kurzform</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>Success statuses</source>
        <translation>Erfolgsstatus</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>Allow host from input</source>
        <translation>Host aus der Eingabe erlauben</translation>
    </message>
    <message>
        <source>Largest body</source>
        <translation>Größter Body</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Setzen</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Otherwise go to</source>
        <translation>Sonst weiter zu</translation>
    </message>
    <message>
        <source>When a branch fails</source>
        <translation>Wenn ein Zweig fehlschlägt</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>Item name</source>
        <translation>Elementname</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>Parallelität</translation>
    </message>
    <message>
        <source>Tolerate failures</source>
        <translation>Fehlschläge tolerieren</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Flow file</source>
        <translation>Flow-Datei</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP-Status</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Error name</source>
        <translation>Fehlername</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Retry on</source>
        <translation>Wiederholen bei</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <source>Backoff</source>
        <translation>Backoff</translation>
    </message>
    <message>
        <source>Max delay</source>
        <translation>Max. Verzögerung</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <source>Respect Retry-After</source>
        <translation>Retry-After beachten</translation>
    </message>
    <message>
        <source>Catch</source>
        <translation>Abfangen</translation>
    </message>
    <message>
        <source>Compensate</source>
        <translation>Kompensieren</translation>
    </message>
    <message>
        <source>Then go to</source>
        <translation>Dann weiter zu</translation>
    </message>
    <message>
        <source>End the run here</source>
        <translation>Lauf hier beenden</translation>
    </message>
    <message>
        <source> (default %1)</source>
        <translation> (Standard %1)</translation>
    </message>
    <message>
        <source>Required. %1</source>
        <translation>Pflichtfeld. %1</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <source>Select a step on the canvas to edit its fields here.</source>
        <translation>Wählen Sie einen Schritt auf der Zeichenfläche, um seine Felder hier zu bearbeiten.</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>Unique step id; references to it are renamed too</source>
        <translation>Eindeutige Schritt-ID; Verweise darauf werden mit umbenannt</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Flow default: %1</source>
        <translation>Standard des Flows: %1</translation>
    </message>
    <message>
        <source>Branches and their steps are edited on the canvas.</source>
        <translation>Zweige und ihre Schritte werden auf der Zeichenfläche bearbeitet.</translation>
    </message>
    <message>
        <source>The body&apos;s steps are edited on the canvas.</source>
        <translation>Die Schritte des Bodys werden auf der Zeichenfläche bearbeitet.</translation>
    </message>
    <message>
        <source>(default: %1)</source>
        <translation>(Standard: %1)</translation>
    </message>
    <message>
        <source>Expected a whole number</source>
        <translation>Erwartet wird eine ganze Zahl</translation>
    </message>
    <message>
        <source>Expected a number, like 2.0</source>
        <translation>Erwartet wird eine Zahl, etwa 2.0</translation>
    </message>
    <message>
        <source>Expected a duration like 250ms, 5s, 2m or 1h</source>
        <translation>Erwartet wird eine Dauer wie 250ms, 5s, 2m oder 1h</translation>
    </message>
    <message>
        <source>Edit %1 of %2</source>
        <translation>%1 von %2 bearbeiten</translation>
    </message>
    <message>
        <source>what this step is for</source>
        <translation>wofür dieser Schritt da ist</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Last run (%1): %2</source>
        <translation>Letzter Lauf (%1): %2</translation>
    </message>
    <message>
        <source> in %1</source>
        <translation> in %1</translation>
    </message>
    <message>
        <source>, attempt %1</source>
        <translation>, Versuch %1</translation>
    </message>
    <message>
        <source>(not recorded: only HTTP requests record what they send)</source>
        <translation>(nicht aufgezeichnet: nur HTTP-Anfragen zeichnen auf, was sie senden)</translation>
    </message>
    <message>
        <source>(still running)</source>
        <translation>(läuft noch)</translation>
    </message>
</context>
<context>
    <name>tutti::editor::JsonView</name>
    <message>
        <source>Find in JSON</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Vorheriger Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>Nächster Treffer (Eingabe, F3)</translation>
    </message>
    <message>
        <source>Fold</source>
        <translation>Einklappen</translation>
    </message>
    <message>
        <source>Fold every object and array (click a ⊟ in the margin for one)</source>
        <translation>Alle Objekte und Arrays einklappen (für ein einzelnes auf ⊟ am Rand klicken)</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>kein Treffer</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 Treffer</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 Treffer</translation>
    </message>
</context>
<context>
    <name>tutti::editor::LatencyEditor</name>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>Verteilung</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>z. B. %1</translation>
    </message>
    <message>
        <source>A duration: 80ms, 1.5s, or a bare number of milliseconds</source>
        <translation>Eine Dauer: 80ms, 1.5s oder eine Zahl in Millisekunden</translation>
    </message>
    <message>
        <source> (not set here: %1)</source>
        <translation> (hier nicht gesetzt: %1)</translation>
    </message>
    <message>
        <source>inherited</source>
        <translation>geerbt</translation>
    </message>
    <message>
        <source>No latency: answers at once.</source>
        <translation>Keine Latenz: Antworten kommen sofort.</translation>
    </message>
    <message>
        <source>Not set here: %1.</source>
        <translation>Hier nicht gesetzt: %1.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#15803d&apos;&gt;p50 &lt;b&gt;%1&lt;/b&gt;&lt;/span&gt; &amp;nbsp; &lt;span style=&apos;color:#b91c1c&apos;&gt;p99 &lt;b&gt;%2&lt;/b&gt;&lt;/span&gt;&lt;br&gt;&lt;span style=&apos;color:gray&apos;&gt;of %L3 draws%4&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#15803d&apos;&gt;p50 &lt;b&gt;%1&lt;/b&gt;&lt;/span&gt; &amp;nbsp; &lt;span style=&apos;color:#b91c1c&apos;&gt;p99 &lt;b&gt;%2&lt;/b&gt;&lt;/span&gt;&lt;br&gt;&lt;span style=&apos;color:gray&apos;&gt;aus %L3 Ziehungen%4&lt;/span&gt;</translation>
    </message>
    <message>
        <source>latency, ms</source>
        <translation>Latenz, ms</translation>
    </message>
</context>
<context>
    <name>tutti::editor::MiniMap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>Übersicht: Klicken oder ziehen, um die Ansicht zu verschieben</translation>
    </message>
</context>
<context>
    <name>tutti::editor::MockEditor</name>
    <message>
        <source>Problems as `tutti` reports them; click one to go to its line</source>
        <translation>Probleme, wie `tutti` sie meldet; ein Klick springt zur Zeile</translation>
    </message>
    <message>
        <source>Try it — the mock answers in-process</source>
        <translation>Ausprobieren – der Mock antwortet im Prozess</translation>
    </message>
    <message>
        <source>Edit YAML</source>
        <translation>YAML bearbeiten</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>✓ valid: `tutti` loads this file as it is</source>
        <translation>✓ gültig: `tutti` lädt diese Datei so, wie sie ist</translation>
    </message>
    <message>
        <source>The YAML does not parse (line %1, column %2: %3). The form shows the last version that parsed; Save keeps the text as typed.</source>
        <translation>Das YAML lässt sich nicht parsen (Zeile %1, Spalte %2: %3). Das Formular zeigt die letzte parsbare Version; Speichern behält den Text wie eingegeben.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::MockForm</name>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>(any path)</source>
        <translation>(beliebiger Pfad)</translation>
    </message>
    <message>
        <source>Add route</source>
        <translation>Route hinzufügen</translation>
    </message>
    <message>
        <source>Remove route</source>
        <translation>Route entfernen</translation>
    </message>
    <message>
        <source>Service &amp; defaults</source>
        <translation>Dienst &amp; Standards</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Rename service</source>
        <translation>Dienst umbenennen</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>payment</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Edit description</source>
        <translation>Beschreibung bearbeiten</translation>
    </message>
    <message>
        <source>what this mock stands in for</source>
        <translation>wofür dieser Mock einspringt</translation>
    </message>
    <message>
        <source>Initial state</source>
        <translation>Anfangszustand</translation>
    </message>
    <message>
        <source>Edit state</source>
        <translation>Zustand bearbeiten</translation>
    </message>
    <message>
        <source>Templates read it as &lt;code&gt;state&lt;/code&gt;; routes change it with &lt;code&gt;set_state&lt;/code&gt;.</source>
        <translation>Vorlagen lesen ihn als &lt;code&gt;state&lt;/code&gt;; Routen ändern ihn mit &lt;code&gt;set_state&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>Default latency (routes without their own)</source>
        <translation>Standardlatenz (für Routen ohne eigene)</translation>
    </message>
    <message>
        <source>Edit default latency</source>
        <translation>Standardlatenz bearbeiten</translation>
    </message>
    <message>
        <source>Default faults (routes without their own)</source>
        <translation>Standardstörungen (für Routen ohne eigene)</translation>
    </message>
    <message>
        <source>Edit default faults</source>
        <translation>Standardstörungen bearbeiten</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>any method</source>
        <translation>jede Methode</translation>
    </message>
    <message>
        <source>Edit route method</source>
        <translation>Methode der Route bearbeiten</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Edit route path</source>
        <translation>Pfad der Route bearbeiten</translation>
    </message>
    <message>
        <source>/charges/{id}  ({name} captures a segment as params.name)</source>
        <translation>/charges/{id}  ({name} erfasst ein Segment als params.name)</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Query-Parameter</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Edit %1 matcher</source>
        <translation>%1-Matcher bearbeiten</translation>
    </message>
    <message>
        <source>Values or operators: {&quot;gt&quot;: 1000}, {&quot;regex&quot;: &quot;^ab&quot;}, {&quot;exists&quot;: true}, {&quot;in&quot;: [1, 2]}. Body matches are partial.</source>
        <translation>Werte oder Operatoren: {&quot;gt&quot;: 1000}, {&quot;regex&quot;: &quot;^ab&quot;}, {&quot;exists&quot;: true}, {&quot;in&quot;: [1, 2]}. Body-Vergleiche sind partiell.</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>one response (respond)</source>
        <translation>eine Antwort (respond)</translation>
    </message>
    <message>
        <source>a sequence (n-th call, last repeats)</source>
        <translation>eine Sequenz (Aufruf n, letzte bleibt)</translation>
    </message>
    <message>
        <source>Switch answer kind</source>
        <translation>Antwortart wechseln</translation>
    </message>
    <message>
        <source>Answer with</source>
        <translation>Antworten mit</translation>
    </message>
    <message>
        <source>Default 200</source>
        <translation>Standard 200</translation>
    </message>
    <message>
        <source>Edit status</source>
        <translation>Status bearbeiten</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Edit response headers</source>
        <translation>Antwort-Header bearbeiten</translation>
    </message>
    <message>
        <source>Body (JSON)</source>
        <translation>Body (JSON)</translation>
    </message>
    <message>
        <source>Edit response body</source>
        <translation>Antwort-Body bearbeiten</translation>
    </message>
    <message>
        <source>Edit body text</source>
        <translation>Body-Text bearbeiten</translation>
    </message>
    <message>
        <source>or body text</source>
        <translation>oder Body-Text</translation>
    </message>
    <message>
        <source>Templates: {{ request.body.amount }}, {{ params.id }}, {{ state.charges }}, {{ uuid() }}, {{ now() }} — type a root and a dot for completion.</source>
        <translation>Vorlagen: {{ request.body.amount }}, {{ params.id }}, {{ state.charges }}, {{ uuid() }}, {{ now() }} – tippen Sie eine Wurzel und einen Punkt für die Vervollständigung.</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Edit sequence</source>
        <translation>Sequenz bearbeiten</translation>
    </message>
    <message>
        <source>A list of {status, headers, body}: the n-th call that reaches this route gets entry n, the last one repeats.</source>
        <translation>Eine Liste von {status, headers, body}: Der n-te Aufruf dieser Route erhält Eintrag n, der letzte wiederholt sich.</translation>
    </message>
    <message>
        <source>set_state</source>
        <translation>set_state</translation>
    </message>
    <message>
        <source>Edit set_state</source>
        <translation>set_state bearbeiten</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>the service&apos;s default applies</source>
        <translation>es gilt der Standard des Dienstes</translation>
    </message>
    <message>
        <source>no default either, so the route answers at once</source>
        <translation>auch kein Standard, also antwortet die Route sofort</translation>
    </message>
    <message>
        <source>Edit route latency</source>
        <translation>Latenz der Route bearbeiten</translation>
    </message>
    <message>
        <source>Faults</source>
        <translation>Störungen</translation>
    </message>
    <message>
        <source>Edit route faults</source>
        <translation>Störungen der Route bearbeiten</translation>
    </message>
</context>
<context>
    <name>tutti::editor::Palette</name>
    <message>
        <source>Search steps…</source>
        <translation>Schritte suchen…</translation>
    </message>
    <message>
        <source>%1 (%2): %3
Drag onto the canvas or double-click to add.</source>
        <translation>%1 (%2): %3
Auf die Zeichenfläche ziehen oder doppelklicken, um ihn hinzuzufügen.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::ProblemsPanel</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Click a problem to select its step and field</source>
        <translation>Klicken Sie auf ein Problem, um seinen Schritt und sein Feld auszuwählen</translation>
    </message>
    <message>
        <source>No problems: the flow is valid.</source>
        <translation>Keine Probleme: Der Flow ist gültig.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::ProfileForm</name>
    <message>
        <source>Add route overlay</source>
        <translation>Route überlagern</translation>
    </message>
    <message>
        <source>An overlay for one route of the selected service</source>
        <translation>Eine Überlagerung für eine Route des ausgewählten Dienstes</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Edit description</source>
        <translation>Beschreibung bearbeiten</translation>
    </message>
    <message>
        <source>what this profile simulates</source>
        <translation>was dieses Profil simuliert</translation>
    </message>
    <message>
        <source>service name, as in its mock</source>
        <translation>Dienstname, wie in seinem Mock</translation>
    </message>
    <message>
        <source>Add service</source>
        <translation>Dienst hinzufügen</translation>
    </message>
    <message>
        <source>Overlay a service</source>
        <translation>Einen Dienst überlagern</translation>
    </message>
    <message>
        <source>A service&apos;s latency and faults replace those of each of its routes; a route overlay then replaces them for the routes it names. Several profiles apply in order: later ones win.</source>
        <translation>Latenz und Störungen eines Dienstes ersetzen die jeder seiner Routen; eine Routen-Überlagerung ersetzt sie dann für die Routen, die sie nennt. Mehrere Profile gelten nacheinander: spätere gewinnen.</translation>
    </message>
    <message>
        <source>each route keeps the mock&apos;s own</source>
        <translation>jede Route behält die des Mocks</translation>
    </message>
    <message>
        <source>Route of %1</source>
        <translation>Route von %1</translation>
    </message>
    <message>
        <source>every method</source>
        <translation>jede Methode</translation>
    </message>
    <message>
        <source>Edit overlay method</source>
        <translation>Methode der Überlagerung bearbeiten</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Edit overlay path</source>
        <translation>Pfad der Überlagerung bearbeiten</translation>
    </message>
    <message>
        <source>exactly as in the mock: /charges/{id}</source>
        <translation>genau wie im Mock: /charges/{id}</translation>
    </message>
    <message>
        <source>the service overlay applies</source>
        <translation>es gilt die Dienst-Überlagerung</translation>
    </message>
    <message>
        <source>the service overlay or the mock&apos;s own applies</source>
        <translation>es gilt die Dienst-Überlagerung oder die des Mocks</translation>
    </message>
    <message>
        <source>the mock&apos;s own applies</source>
        <translation>es gilt die des Mocks</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Edit overlay latency</source>
        <translation>Latenz der Überlagerung bearbeiten</translation>
    </message>
    <message>
        <source>Faults (an empty list removes the mock&apos;s)</source>
        <translation>Störungen (eine leere Liste entfernt die des Mocks)</translation>
    </message>
    <message>
        <source>Edit overlay faults</source>
        <translation>Störungen der Überlagerung bearbeiten</translation>
    </message>
    <message>
        <source>Add service overlay</source>
        <translation>Dienst-Überlagerung hinzufügen</translation>
    </message>
    <message>
        <source>Remove service overlay</source>
        <translation>Dienst-Überlagerung entfernen</translation>
    </message>
    <message>
        <source>Remove route overlay</source>
        <translation>Routen-Überlagerung entfernen</translation>
    </message>
</context>
<context>
    <name>tutti::editor::RunController</name>
    <message>
        <source>Stopping: cancelling the run and compensating completed steps…</source>
        <translation>Wird gestoppt: Lauf wird abgebrochen, abgeschlossene Schritte werden kompensiert…</translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation>%1 läuft</translation>
    </message>
    <message>
        <source>%1 ok</source>
        <translation>%1 ok</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>Versuch %1</translation>
    </message>
    <message>
        <source>✓ %1  %2</source>
        <translation>✓ %1  %2</translation>
    </message>
    <message>
        <source>✗ %1  %2  %3</source>
        <translation>✗ %1  %2  %3</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>items: %1</source>
        <translation>Elemente: %1</translation>
    </message>
    <message>
        <source>attempt %1 failed</source>
        <translation>Versuch %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>↻ %1  attempt %2 failed after %3  %4</source>
        <translation>↻ %1  Versuch %2 nach %3 fehlgeschlagen  %4</translation>
    </message>
    <message>
        <source>undone in %1</source>
        <translation>rückgängig gemacht in %1</translation>
    </message>
    <message>
        <source>↩ %1  compensated in %2</source>
        <translation>↩ %1  kompensiert in %2</translation>
    </message>
    <message>
        <source>undo failed</source>
        <translation>Rückgängigmachen fehlgeschlagen</translation>
    </message>
    <message>
        <source>✗ %1  compensation failed  %2</source>
        <translation>✗ %1  Kompensation fehlgeschlagen  %2</translation>
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
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>Stored run %1 of %2, started %3</source>
        <translation>Gespeicherter Lauf %1 von %2, gestartet %3</translation>
    </message>
</context>
<context>
    <name>tutti::editor::RunDiffView</name>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>A status</source>
        <translation>Status A</translation>
    </message>
    <message>
        <source>B status</source>
        <translation>Status B</translation>
    </message>
    <message>
        <source>tries</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>A time</source>
        <translation>Zeit A</translation>
    </message>
    <message>
        <source>B time</source>
        <translation>Zeit B</translation>
    </message>
    <message>
        <source>Δ time</source>
        <translation>Δ Zeit</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Unterschiede</translation>
    </message>
    <message>
        <source>only in A</source>
        <translation>nur in A</translation>
    </message>
    <message>
        <source>only in B</source>
        <translation>nur in B</translation>
    </message>
    <message>
        <source>Only steps that differ</source>
        <translation>Nur abweichende Schritte</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; request and response</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: Anfrage und Antwort</translation>
    </message>
    <message>
        <source>&lt;i&gt;Choose two runs to compare.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Wählen Sie zwei Läufe zum Vergleichen.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>The runs have the same status, output and error.</source>
        <translation>Die Läufe haben denselben Status, dieselbe Ausgabe und denselben Fehler.</translation>
    </message>
    <message>
        <source>The runs differ in: &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Die Läufe unterscheiden sich in: &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>%1 of %2 steps differ.</source>
        <translation>%1 von %2 Schritten weichen ab.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source> ran only in %1.</source>
        <translation> lief nur in %1.</translation>
    </message>
    <message>
        <source>: the same method, URL, status and bodies in both runs (headers are not compared).</source>
        <translation>: dieselbe Methode, URL, derselbe Status und dieselben Bodys in beiden Läufen (Header werden nicht verglichen).</translation>
    </message>
    <message>
        <source> — values that differ:</source>
        <translation> – abweichende Werte:</translation>
    </message>
    <message>
        <source>&lt;br&gt;&amp;nbsp;… and %1 more</source>
        <translation>&lt;br&gt;&amp;nbsp;… und %1 weitere</translation>
    </message>
    <message>
        <source>(no request recorded)</source>
        <translation>(keine Anfrage aufgezeichnet)</translation>
    </message>
    <message>
        <source>(not in run A)</source>
        <translation>(nicht in Lauf A)</translation>
    </message>
    <message>
        <source>(not in run B)</source>
        <translation>(nicht in Lauf B)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2 · %3 · &lt;b&gt;%4&lt;/b&gt; · %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2 · %3 · &lt;b&gt;%4&lt;/b&gt; · %5</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>(nicht vorhanden)</translation>
    </message>
</context>
<context>
    <name>tutti::editor::RunPanel</name>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>neuer Versuch</translation>
    </message>
    <message>
        <source>compensated</source>
        <translation>kompensiert</translation>
    </message>
    <message>
        <source>random</source>
        <translation>zufällig</translation>
    </message>
    <message>
        <source>Seed for uuid(), jitter and mock faults; the same seed replays a run</source>
        <translation>Seed für uuid(), Jitter und Mock-Störungen; derselbe Seed wiederholt einen Lauf</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Run the flow once (F5)</source>
        <translation>Den Flow einmal ausführen (F5)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Cancel the run; completed steps are compensated (Shift+F5)</source>
        <translation>Lauf abbrechen; abgeschlossene Schritte werden kompensiert (Umschalt+F5)</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Input (JSON)</source>
        <translation>Eingabe (JSON)</translation>
    </message>
    <message>
        <source>The run input; checked against the flow&apos;s input schema</source>
        <translation>Die Eingabe des Laufs; geprüft gegen das Eingabeschema des Flows</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Press Run (F5) to run the flow against its mocks. Nodes light up as steps run.</source>
        <translation>Drücken Sie Ausführen (F5), um den Flow gegen seine Mocks auszuführen. Die Knoten leuchten auf, während die Schritte laufen.</translation>
    </message>
    <message>
        <source>Run %1 of %2 (environment %3)</source>
        <translation>Lauf %1 von %2 (Umgebung %3)</translation>
    </message>
    <message>
        <source>Save the flow first: its workspace (mocks, environments) is found from the file&apos;s folder.</source>
        <translation>Speichern Sie den Flow zuerst: Sein Arbeitsbereich (Mocks, Umgebungen) wird über den Ordner der Datei gefunden.</translation>
    </message>
    <message>
        <source>The input is not valid JSON: %1</source>
        <translation>Die Eingabe ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>The run could not start: %1</source>
        <translation>Der Lauf konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>The seed must be a whole number (or empty for a random one).</source>
        <translation>Der Seed muss eine ganze Zahl sein (oder leer für einen zufälligen).</translation>
    </message>
    <message>
        <source>The run could not start:
%1</source>
        <translation>Der Lauf konnte nicht starten:
%1</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>%1 läuft…</translation>
    </message>
    <message>
        <source>%1 of %2 failed</source>
        <translation>%1 von %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 runs: %2</source>
        <translation>%1 Läufe: %2</translation>
    </message>
    <message>
        <source> — last failure: %1</source>
        <translation> – letzter Fehlschlag: %1</translation>
    </message>
    <message>
        <source>items: %1</source>
        <translation>Elemente: %1</translation>
    </message>
    <message>
        <source>%1 %2 in %3 (%4)</source>
        <translation>%1 %2 in %3 (%4)</translation>
    </message>
    <message>
        <source> — %1 at step &apos;%2&apos;: %3</source>
        <translation> – %1 bei Schritt „%2“: %3</translation>
    </message>
    <message>
        <source>
Stored in the workspace&apos;s trace database as run %1 (tutti trace show %1).</source>
        <translation>
In der Trace-Datenbank des Arbeitsbereichs als Lauf %1 gespeichert (tutti trace show %1).</translation>
    </message>
    <message>
        <source>
Stored in %2 as run %1 (tutti trace show %1 --trace-db %2).</source>
        <translation>
In %2 als Lauf %1 gespeichert (tutti trace show %1 --trace-db %2).</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>Lauf öffnen</translation>
    </message>
    <message>
        <source>Open the last run in the run viewer: its waterfall, requests and responses</source>
        <translation>Den letzten Lauf im Laufbetrachter öffnen: sein Wasserfall, seine Anfragen und Antworten</translation>
    </message>
    <message>
        <source>stored run</source>
        <translation>gespeicherter Lauf</translation>
    </message>
    <message>
        <source>%1 · %2 tries</source>
        <translation>%1 · %2 Versuche</translation>
    </message>
</context>
<context>
    <name>tutti::editor::RunViewer</name>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export the run for Jaeger or Perfetto</source>
        <translation>Den Lauf für Jaeger oder Perfetto exportieren</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show the whole run (Ctrl+0)</source>
        <translation>Den ganzen Lauf zeigen (Strg+0)</translation>
    </message>
    <message>
        <source>Zoom +</source>
        <translation>Zoom +</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>Vergrößern (+, Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Zoom −</source>
        <translation>Zoom −</translation>
    </message>
    <message>
        <source>Zoom out (−, Ctrl+wheel)</source>
        <translation>Verkleinern (−, Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Alle aufklappen</translation>
    </message>
    <message>
        <source>Show every span</source>
        <translation>Jeden Span zeigen</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Alle einklappen</translation>
    </message>
    <message>
        <source>Show the top-level spans only</source>
        <translation>Nur die Spans der obersten Ebene zeigen</translation>
    </message>
    <message>
        <source>Export OTLP JSON…</source>
        <translation>OTLP-JSON exportieren…</translation>
    </message>
    <message>
        <source>Export Chrome trace…</source>
        <translation>Chrome-Trace exportieren…</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:%1;color:%1&apos;&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; critical path &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;●&lt;/span&gt; error</source>
        <translation>&lt;span style=&apos;background:%1;color:%1&apos;&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; kritischer Pfad &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;●&lt;/span&gt; Fehler</translation>
    </message>
    <message>
        <source>Run from here</source>
        <translation>Ab hier ausführen</translation>
    </message>
    <message>
        <source>Run the flow again from this step, reusing this run&apos;s results before it</source>
        <translation>Den Flow ab diesem Schritt erneut ausführen und die Ergebnisse dieses Laufs davor wiederverwenden</translation>
    </message>
    <message>
        <source>Expand</source>
        <translation>Aufklappen</translation>
    </message>
    <message>
        <source>Collapse</source>
        <translation>Einklappen</translation>
    </message>
    <message>
        <source>Zoom to span</source>
        <translation>Auf Span zoomen</translation>
    </message>
    <message>
        <source>No run to export</source>
        <translation>Kein Lauf zum Exportieren</translation>
    </message>
    <message>
        <source>Export OTLP JSON</source>
        <translation>OTLP-JSON exportieren</translation>
    </message>
    <message>
        <source>Export Chrome trace</source>
        <translation>Chrome-Trace exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&lt;i&gt;No run open&lt;/i&gt;</source>
        <translation>&lt;i&gt;Kein Lauf geöffnet&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;&lt;span style=&apos;color:white;background:%2&apos;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt; &amp;nbsp;%4 · %5 spans · %6 attempts · %7 errors · run %8</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;&lt;span style=&apos;color:white;background:%2&apos;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt; &amp;nbsp;%4 · %5 Spans · %6 Versuche · %7 Fehler · Lauf %8</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>tutti::editor::SimulationPanel</name>
    <message>
        <source>How many runs to simulate</source>
        <translation>Wie viele Läufe simuliert werden</translation>
    </message>
    <message>
        <source>The same seed gives the same report</source>
        <translation>Derselbe Seed ergibt denselben Bericht</translation>
    </message>
    <message>
        <source>Runs in flight at once (they share mock state and circuit breakers)</source>
        <translation>Gleichzeitig laufende Läufe (sie teilen sich Mock-Zustand und Circuit Breaker)</translation>
    </message>
    <message>
        <source>The input of every run (JSON)</source>
        <translation>Die Eingabe jedes Laufs (JSON)</translation>
    </message>
    <message>
        <source>Simulate</source>
        <translation>Simulieren</translation>
    </message>
    <message>
        <source>Run the saved flow many times against its mocks in virtual time (F6)</source>
        <translation>Den gespeicherten Flow viele Male in virtueller Zeit gegen seine Mocks ausführen (F6)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Runs:</source>
        <translation>Läufe:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Concurrency:</source>
        <translation>Parallelität:</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>Eingabe:</translation>
    </message>
    <message>
        <source>%v of %m runs</source>
        <translation>%v von %m Läufen</translation>
    </message>
    <message>
        <source>End-to-end latency</source>
        <translation>End-to-End-Latenz</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Critical path</source>
        <translation>Kritischer Pfad</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Per run</source>
        <translation>Pro Lauf</translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation>Ohne Treffer</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Failed runs</source>
        <translation>Fehlgeschlagene Läufe</translation>
    </message>
    <message>
        <source>Simulate runs the flow as the editor shows it (unsaved edits included) thousands of times against its mocks in virtual time: pick a mock profile to inject faults, then press Simulate (F6).</source>
        <translation>Simulieren führt den Flow so, wie der Editor ihn zeigt (ungespeicherte Änderungen eingeschlossen), tausendfach in virtueller Zeit gegen seine Mocks aus: Wählen Sie ein Mock-Profil, um Störungen einzuspielen, und drücken Sie dann Simulieren (F6).</translation>
    </message>
    <message>
        <source>Save the flow first: its workspace and mocks are found from the file&apos;s folder.</source>
        <translation>Speichern Sie den Flow zuerst: Sein Arbeitsbereich und seine Mocks werden über den Ordner der Datei gefunden.</translation>
    </message>
    <message>
        <source>The simulation could not start: %1</source>
        <translation>Die Simulation konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>The input is not valid JSON (line %1, column %2): %3</source>
        <translation>Die Eingabe ist kein gültiges JSON (Zeile %1, Spalte %2): %3</translation>
    </message>
    <message>
        <source>The simulation could not start:
%1</source>
        <translation>Die Simulation konnte nicht starten:
%1</translation>
    </message>
    <message>
        <source>Simulating %L1 runs of %2…</source>
        <translation>%L1 Läufe von %2 werden simuliert…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:15px&apos;&gt;&lt;b&gt;%1%&lt;/b&gt; succeeded &amp;nbsp; p50 &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; p90 &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; p99 &lt;b&gt;%4&lt;/b&gt; &amp;nbsp; max %5&lt;/p&gt;&lt;p&gt;%6 runs · %7&lt;br&gt;&lt;span style=&apos;color:gray&apos;&gt;seed %8 · %9%10&lt;/span&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:15px&apos;&gt;&lt;b&gt;%1 %&lt;/b&gt; Erfolg &amp;nbsp; p50 &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; p90 &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; p99 &lt;b&gt;%4&lt;/b&gt; &amp;nbsp; max %5&lt;/p&gt;&lt;p&gt;%6 Läufe · %7&lt;br&gt;&lt;span style=&apos;color:gray&apos;&gt;Seed %8 · %9%10&lt;/span&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>virtual time</source>
        <translation>virtuelle Zeit</translation>
    </message>
    <message>
        <source>real time</source>
        <translation>Echtzeit</translation>
    </message>
    <message>
        <source> · profile %1</source>
        <translation> · Profil %1</translation>
    </message>
    <message>
        <source>Cancelled after %L1 of %L2 runs; the report covers the finished runs.</source>
        <translation>Nach %L1 von %L2 Läufen abgebrochen; der Bericht umfasst die beendeten Läufe.</translation>
    </message>
    <message>
        <source>Simulated %L1 runs of %2 (%3) in %4 of simulated time.</source>
        <translation>%L1 Läufe von %2 (%3) simuliert, in %4 simulierter Zeit.</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>end-to-end latency, seconds (each bar starts at its label)</source>
        <translation>End-to-End-Latenz, Sekunden (jeder Balken beginnt bei seiner Beschriftung)</translation>
    </message>
    <message>
        <source>end-to-end latency, ms (each bar starts at its label)</source>
        <translation>End-to-End-Latenz, ms (jeder Balken beginnt bei seiner Beschriftung)</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>End-to-end latency of %L1 runs</source>
        <translation>End-to-End-Latenz von %L1 Läufen</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 bei %2</translation>
    </message>
    <message>
        <source>Failed runs (%1)</source>
        <translation>Fehlgeschlagene Läufe (%1)</translation>
    </message>
    <message>
        <source>Failed runs kept in the trace database; double-click to open one in the run viewer</source>
        <translation>In der Trace-Datenbank aufbewahrte fehlgeschlagene Läufe; Doppelklick öffnet einen im Laufbetrachter</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>Lauf öffnen</translation>
    </message>
</context>
<context>
    <name>tutti::editor::SpanDetail</name>
    <message>
        <source>&lt;b&gt;Data context&lt;/b&gt;</source>
        <translation>&lt;b&gt;Datenkontext&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Input&lt;/b&gt;</source>
        <translation>&lt;b&gt;Eingabe&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Output&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ausgabe&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No run</source>
        <translation>Kein Lauf</translation>
    </message>
    <message>
        <source>Open a run from the run history, the Run panel or the Simulation panel.</source>
        <translation>Öffnen Sie einen Lauf aus dem Verlauf, dem Bereich „Ausführen“ oder dem Bereich „Simulation“.</translation>
    </message>
    <message>
        <source>Run %1 — %2</source>
        <translation>Lauf %1 – %2</translation>
    </message>
    <message>
        <source>status &lt;b&gt;%1&lt;/b&gt; · started %2%3 · duration %4 · %6 spans · seed %5</source>
        <translation>Status &lt;b&gt;%1&lt;/b&gt; · gestartet %2%3 · Dauer %4 · %6 Spans · Seed %5</translation>
    </message>
    <message>
        <source> (virtual time)</source>
        <translation> (virtuelle Zeit)</translation>
    </message>
    <message>
        <source>&lt;br&gt;Select a span for its request, response and retries.</source>
        <translation>&lt;br&gt;Wählen Sie einen Span für seine Anfrage, Antwort und Wiederholungen.</translation>
    </message>
    <message>
        <source> (step %1)</source>
        <translation> (Schritt %1)</translation>
    </message>
    <message>
        <source>(no input)</source>
        <translation>(keine Eingabe)</translation>
    </message>
    <message>
        <source>(no output)</source>
        <translation>(keine Ausgabe)</translation>
    </message>
    <message>
        <source> · step %1</source>
        <translation> · Schritt %1</translation>
    </message>
    <message>
        <source>%1 · status &lt;b&gt;%2&lt;/b&gt; · start +%3 (%4) · duration %5</source>
        <translation>%1 · Status &lt;b&gt;%2&lt;/b&gt; · Start +%3 (%4) · Dauer %5</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source> (HTTP %1)</source>
        <translation> (HTTP %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Retries&lt;/b&gt;</source>
        <translation>&lt;b&gt;Wiederholungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Request&lt;/b&gt;</source>
        <translation>&lt;b&gt;Anfrage&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Response&lt;/b&gt;</source>
        <translation>&lt;b&gt;Antwort&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(a backoff wait sends nothing)</source>
        <translation>(eine Backoff-Wartezeit sendet nichts)</translation>
    </message>
    <message>
        <source>(this span made no HTTP request)</source>
        <translation>(dieser Span hat keine HTTP-Anfrage gesendet)</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> von %1</translation>
    </message>
    <message>
        <source>(no response: %1)</source>
        <translation>(keine Antwort: %1)</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>keine aufgezeichnet</translation>
    </message>
    <message>
        <source>%1: ok after %2</source>
        <translation>%1: ok nach %2</translation>
    </message>
    <message>
        <source>%1: %2 after %3</source>
        <translation>%1: %2 nach %3</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>waited %1 before attempt %2</source>
        <translation>%1 vor Versuch %2 gewartet</translation>
    </message>
    <message>
        <source> because %1 failed with %2</source>
        <translation>, weil %1 mit %2 fehlschlug</translation>
    </message>
    <message>
        <source>an error</source>
        <translation>einem Fehler</translation>
    </message>
    <message>
        <source>retried on %1</source>
        <translation>wiederholt bei %1</translation>
    </message>
    <message>
        <source>exponential backoff: %1 × %2^%3 = %4</source>
        <translation>exponentielles Backoff: %1 × %2^%3 = %4</translation>
    </message>
    <message>
        <source>fixed delay %1</source>
        <translation>feste Wartezeit %1</translation>
    </message>
    <message>
        <source>full jitter: a random part of it</source>
        <translation>voller Jitter: ein zufälliger Teil davon</translation>
    </message>
    <message>
        <source>cut short: the run was cancelled</source>
        <translation>vorzeitig beendet: Der Lauf wurde abgebrochen</translation>
    </message>
    <message>
        <source> (cut short: the run was cancelled)</source>
        <translation> (vorzeitig beendet: Der Lauf wurde abgebrochen)</translation>
    </message>
    <message>
        <source>The retry policy is not known here: the viewer was given no flow.</source>
        <translation>Die Wiederholungsstrategie ist hier nicht bekannt: Dem Betrachter wurde kein Flow übergeben.</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>×%1 after each retry</source>
        <translation>×%1 nach jeder Wiederholung</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>fest</translation>
    </message>
    <message>
        <source>Retry policy: up to %1 on %2; first delay %3, %4, at most %5; jitter %6</source>
        <translation>Wiederholungsstrategie: bis zu %1 bei %2; erste Wartezeit %3, %4, höchstens %5; Jitter: %6</translation>
    </message>
    <message>
        <source>1 retry</source>
        <translation>1 Wiederholung</translation>
    </message>
    <message>
        <source>%1 retries</source>
        <translation>%1 Wiederholungen</translation>
    </message>
    <message>
        <source>full</source>
        <translation>voll</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>; a longer Retry-After from the server wins</source>
        <translation>; ein längeres Retry-After des Servers hat Vorrang</translation>
    </message>
    <message>
        <source>What the step saw: the run&apos;s input, the results of the steps that had finished when it started (as `steps.ID` reads them) and `vars` then — redacted as stored.</source>
        <translation>Was der Schritt sah: die Eingabe des Laufs, die Ergebnisse der Schritte, die bei seinem Start fertig waren (wie `steps.ID` sie liest), und `vars` zu diesem Zeitpunkt – geschwärzt wie gespeichert.</translation>
    </message>
    <message>
        <source>This run was stored without step results (an older Tutti, or a simulation). Shown: the run&apos;s input, the last response of each step that had finished when this span started, and the finished steps without one.</source>
        <translation>Dieser Lauf wurde ohne Schrittergebnisse gespeichert (ein älteres Tutti oder eine Simulation). Angezeigt: die Eingabe des Laufs, die letzte Antwort jedes Schritts, der beim Beginn dieses Abschnitts fertig war, und die fertigen Schritte ohne Antwort.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::SpecForm</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>tutti::editor::StatusText</name>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>compensated</source>
        <translation>kompensiert</translation>
    </message>
    <message>
        <source>compensation_failed</source>
        <translation>Kompensation fehlgeschlagen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>wait</source>
        <translation>Wartezeit</translation>
    </message>
    <message>
        <source>compensation</source>
        <translation>Kompensation</translation>
    </message>
    <message>
        <source>branch</source>
        <translation>Zweig</translation>
    </message>
    <message>
        <source>item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>Versuch %1</translation>
    </message>
    <message>
        <source>backoff</source>
        <translation>Backoff</translation>
    </message>
    <message>
        <source>compensate %1</source>
        <translation>%1 kompensieren</translation>
    </message>
    <message>
        <source>item %1</source>
        <translation>Element %1</translation>
    </message>
</context>
<context>
    <name>tutti::editor::StepPresentations</name>
    <message>
        <source>HTTP request</source>
        <translation>HTTP-Anfrage</translation>
    </message>
    <message>
        <source>Call a service&apos;s HTTP API</source>
        <translation>Die HTTP-API eines Dienstes aufrufen</translation>
    </message>
    <message>
        <source>Transform</source>
        <translation>Transformieren</translation>
    </message>
    <message>
        <source>Build data into variables</source>
        <translation>Daten in Variablen zusammenstellen</translation>
    </message>
    <message>
        <source>set %1</source>
        <translation>setzt %1</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Skript</translation>
    </message>
    <message>
        <source>Compute JSON with JavaScript</source>
        <translation>JSON mit JavaScript berechnen</translation>
    </message>
    <message>
        <source>JavaScript</source>
        <translation>JavaScript</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>Branch on conditions</source>
        <translation>Nach Bedingungen verzweigen</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n Fall</numerusform>
            <numerusform>%n Fälle</numerusform>
        </translation>
    </message>
    <message>
        <source>Parallel</source>
        <translation>Parallel</translation>
    </message>
    <message>
        <source>Run branches at the same time</source>
        <translation>Zweige gleichzeitig ausführen</translation>
    </message>
    <message numerus="yes">
        <source>%n branch(es)</source>
        <translation>
            <numerusform>%n Zweig</numerusform>
            <numerusform>%n Zweige</numerusform>
        </translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Run a body for every item</source>
        <translation>Einen Body für jedes Element ausführen</translation>
    </message>
    <message>
        <source>for each in %1</source>
        <translation>für jedes Element in %1</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Warten</translation>
    </message>
    <message>
        <source>Pause for a duration or until a time</source>
        <translation>Für eine Dauer oder bis zu einem Zeitpunkt pausieren</translation>
    </message>
    <message>
        <source>Call flow</source>
        <translation>Flow aufrufen</translation>
    </message>
    <message>
        <source>Run another flow as a sub-flow</source>
        <translation>Einen anderen Flow als Unter-Flow ausführen</translation>
    </message>
    <message>
        <source>Respond</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Finish successfully with a body</source>
        <translation>Erfolgreich mit einem Body beenden</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>Status %1</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Fehlschlagen</translation>
    </message>
    <message>
        <source>Finish with an error (compensates)</source>
        <translation>Mit einem Fehler beenden (kompensiert)</translation>
    </message>
    <message>
        <source>Unknown step</source>
        <translation>Unbekannter Schritt</translation>
    </message>
    <message>
        <source>A step type this build does not know</source>
        <translation>Ein Schritttyp, den dieser Build nicht kennt</translation>
    </message>
</context>
<context>
    <name>tutti::editor::TryItPanel</name>
    <message>
        <source>/charges/ch_1?verbose=1</source>
        <translation>/charges/ch_1?verbose=1</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Reset state</source>
        <translation>Zustand zurücksetzen</translation>
    </message>
    <message>
        <source>Back to the mock&apos;s initial state and the start of its sequences</source>
        <translation>Zurück zum Anfangszustand des Mocks und zum Anfang seiner Sequenzen</translation>
    </message>
    <message>
        <source>Request body (JSON, optional)</source>
        <translation>Anfrage-Body (JSON, optional)</translation>
    </message>
    <message>
        <source>Send a request to see what the mock answers.</source>
        <translation>Senden Sie eine Anfrage, um zu sehen, was der Mock antwortet.</translation>
    </message>
    <message>
        <source>State reset: the next request sees the mock&apos;s initial state.</source>
        <translation>Zustand zurückgesetzt: Die nächste Anfrage sieht den Anfangszustand des Mocks.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b91c1c&apos;&gt;The mock does not load: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b91c1c&apos;&gt;Der Mock lässt sich nicht laden: %1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b91c1c&apos;&gt;%1&lt;/b&gt; after %2 &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;request %3&lt;/span&gt;</source>
        <translation>&lt;b style=&apos;color:#b91c1c&apos;&gt;%1&lt;/b&gt; nach %2 &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;Anfrage %3&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:%1; font-size:14px&apos;&gt;%2&lt;/b&gt; &amp;nbsp; latency &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;request %4&lt;/span&gt;</source>
        <translation>&lt;b style=&apos;color:%1; font-size:14px&apos;&gt;%2&lt;/b&gt; &amp;nbsp; Latenz &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;Anfrage %4&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>tutti::editor::WaterfallView</name>
    <message>
        <source> — step %1</source>
        <translation> – Schritt %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>start: +%1</source>
        <translation>Start: +%1</translation>
    </message>
    <message>
        <source>duration: %1</source>
        <translation>Dauer: %1</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>on the critical path</source>
        <translation>auf dem kritischen Pfad</translation>
    </message>
    <message>
        <source>%1 spans</source>
        <translation>%1 Spans</translation>
    </message>
    <message>
        <source>No run</source>
        <translation>Kein Lauf</translation>
    </message>
    <message>
        <source>This run recorded no spans.</source>
        <translation>Dieser Lauf hat keine Spans aufgezeichnet.</translation>
    </message>
    <message>
        <source>Open a run to see its spans.</source>
        <translation>Öffnen Sie einen Lauf, um seine Spans zu sehen.</translation>
    </message>
</context>
<context>
    <name>tutti::editor::YamlEditor</name>
    <message>
        <source>untitled.flow.yaml</source>
        <translation>unbenannt.flow.yaml</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>YAML error: %1</source>
        <translation>YAML-Fehler: %1</translation>
    </message>
    <message>
        <source>The YAML does not parse — %1. The canvas is drawn once it does; saving keeps your text as typed.</source>
        <translation>Das YAML lässt sich nicht parsen – %1. Die Zeichenfläche wird gezeichnet, sobald es sich parsen lässt; Speichern behält Ihren Text wie eingegeben.</translation>
    </message>
    <message>
        <source>The YAML does not parse — %1. The canvas shows the last version that did; saving keeps your text as typed.</source>
        <translation>Das YAML lässt sich nicht parsen – %1. Die Zeichenfläche zeigt die letzte parsbare Version; Speichern behält Ihren Text wie eingegeben.</translation>
    </message>
</context>
<context>
    <name>tutti::engine::FieldDoc</name>
    <message>
        <source>JSON; a plain string is sent as text</source>
        <translation>JSON; ein einfacher String wird als Text gesendet</translation>
    </message>
    <message>
        <source>`[{name, steps}]`, run side by side; the result is keyed by branch name</source>
        <translation>`[{name, steps}]`, nebeneinander ausgeführt; das Ergebnis ist nach Zweignamen geordnet</translation>
    </message>
    <message>
        <source>`[{on, next}]`: where to go on an error instead of failing the run</source>
        <translation>`[{on, next}]`: wohin es bei einem Fehler geht, statt den Lauf scheitern zu lassen</translation>
    </message>
    <message>
        <source>`[{when, next}]`, tried in order; the first whose `when` holds picks the next step</source>
        <translation>`[{when, next}]`, der Reihe nach geprüft; der erste, dessen `when` zutrifft, wählt den nächsten Schritt</translation>
    </message>
    <message>
        <source>`fast`: a failing branch cancels the others; `all`: let them finish</source>
        <translation>`fast`: ein fehlschlagender Zweig bricht die anderen ab; `all`: sie laufen zu Ende</translation>
    </message>
    <message>
        <source>`full` randomises each delay</source>
        <translation>`full` macht jede Verzögerung zufällig</translation>
    </message>
    <message>
        <source>`{Header-Name: value}`</source>
        <translation>`{Header-Name: Wert}`</translation>
    </message>
    <message>
        <source>`{name: value, …}`; each value is a JSON template, kept in file order</source>
        <translation>`{name: Wert, …}`; jeder Wert ist eine JSON-Vorlage, in der Reihenfolge der Datei</translation>
    </message>
    <message>
        <source>`{name: value}`, percent-encoded</source>
        <translation>`{name: Wert}`, prozentkodiert</translation>
    </message>
    <message>
        <source>a bare expression (`{{ }}` means the same); a YAML boolean or number also works</source>
        <translation>ein bloßer Ausdruck (`{{ }}` bedeutet dasselbe); ein YAML-Boolean oder eine Zahl geht auch</translation>
    </message>
    <message>
        <source>a bare expression giving the array</source>
        <translation>ein bloßer Ausdruck, der das Array liefert</translation>
    </message>
    <message>
        <source>a bare expression: an ISO-8601 time or epoch milliseconds; or `duration`</source>
        <translation>ein bloßer Ausdruck: eine ISO-8601-Zeit oder Epoch-Millisekunden; oder `duration`</translation>
    </message>
    <message>
        <source>a full URL instead of `path`</source>
        <translation>eine vollständige URL statt `path`</translation>
    </message>
    <message>
        <source>a full URL instead of `service` + `request.path` (shorthand for `request.url`)</source>
        <translation>eine vollständige URL statt `service` + `request.path` (Kurzform für `request.url`)</translation>
    </message>
    <message>
        <source>a strict-mode function body of `input, steps, vars, env, item, index, run`</source>
        <translation>ein Funktionsrumpf im Strict Mode über `input, steps, vars, env, item, index, run`</translation>
    </message>
    <message>
        <source>bearer, basic, api_key or oauth2_client_credentials</source>
        <translation>bearer, basic, api_key oder oauth2_client_credentials</translation>
    </message>
    <message>
        <source>delay multiplier, ≥ 1.0</source>
        <translation>Faktor für die Verzögerung, ≥ 1.0</translation>
    </message>
    <message>
        <source>failed items allowed, ≥ 0</source>
        <translation>erlaubte fehlgeschlagene Elemente, ≥ 0</translation>
    </message>
    <message>
        <source>how far the script&apos;s address space may grow; at least 1MiB</source>
        <translation>wie weit der Adressraum des Skripts wachsen darf; mindestens 1MiB</translation>
    </message>
    <message>
        <source>how long to wait; or `until`</source>
        <translation>wie lange gewartet wird; oder `until`</translation>
    </message>
    <message>
        <source>how many items may fail without failing the step: `{count: N}` or `{percent: P}`</source>
        <translation>wie viele Elemente fehlschlagen dürfen, ohne dass der Schritt scheitert: `{count: N}` oder `{percent: P}`</translation>
    </message>
    <message>
        <source>items run at once; 0 = unlimited</source>
        <translation>gleichzeitig laufende Elemente; 0 = unbegrenzt</translation>
    </message>
    <message>
        <source>let run data choose the host (turns the SSRF rule off for this step)</source>
        <translation>Laufdaten dürfen den Host wählen (schaltet die SSRF-Regel für diesen Schritt ab)</translation>
    </message>
    <message>
        <source>letters, digits and `_`, unique in the step (read as `steps.ID.NAME`)</source>
        <translation>Buchstaben, Ziffern und `_`, eindeutig im Schritt (gelesen als `steps.ID.NAME`)</translation>
    </message>
    <message>
        <source>path on the service&apos;s base URL; needs the step&apos;s `service`</source>
        <translation>Pfad auf der Basis-URL des Dienstes; braucht den `service` des Schritts</translation>
    </message>
    <message>
        <source>per attempt</source>
        <translation>pro Versuch</translation>
    </message>
    <message>
        <source>per attempt, compiling included</source>
        <translation>pro Versuch, Kompilieren eingeschlossen</translation>
    </message>
    <message>
        <source>retries after the first attempt, 0–1000</source>
        <translation>Wiederholungen nach dem ersten Versuch, 0–1000</translation>
    </message>
    <message>
        <source>retry the step&apos;s action on the named errors (see *Retry*)</source>
        <translation>die Aktion des Schritts bei den genannten Fehlern wiederholen (siehe *Retry*)</translation>
    </message>
    <message>
        <source>sent as application/x-www-form-urlencoded instead of `body`</source>
        <translation>als application/x-www-form-urlencoded gesendet statt `body`</translation>
    </message>
    <message>
        <source>share of failed items allowed, 0–100</source>
        <translation>erlaubter Anteil fehlgeschlagener Elemente, 0–100</translation>
    </message>
    <message>
        <source>stop the run here (its result is the run&apos;s output); not together with `next`</source>
        <translation>den Lauf hier beenden (sein Ergebnis ist die Ausgabe des Laufs); nicht zusammen mit `next`</translation>
    </message>
    <message>
        <source>the HTTP method, any case</source>
        <translation>die HTTP-Methode, Groß-/Kleinschreibung egal</translation>
    </message>
    <message>
        <source>the HTTP status, 100–599</source>
        <translation>der HTTP-Status, 100–599</translation>
    </message>
    <message>
        <source>the body, run per item</source>
        <translation>der Body, pro Element ausgeführt</translation>
    </message>
    <message>
        <source>the branch&apos;s steps</source>
        <translation>die Schritte des Zweigs</translation>
    </message>
    <message>
        <source>the error name: letters, digits, `_`, `-`, `.`</source>
        <translation>der Fehlername: Buchstaben, Ziffern, `_`, `-`, `.`</translation>
    </message>
    <message>
        <source>the error names caught</source>
        <translation>die abgefangenen Fehlernamen</translation>
    </message>
    <message>
        <source>the error names retried</source>
        <translation>die wiederholten Fehlernamen</translation>
    </message>
    <message>
        <source>the first delay</source>
        <translation>die erste Verzögerung</translation>
    </message>
    <message>
        <source>the largest answer body read</source>
        <translation>der größte gelesene Antwort-Body</translation>
    </message>
    <message>
        <source>the longest delay</source>
        <translation>die längste Verzögerung</translation>
    </message>
    <message>
        <source>the name the body reads the item as (not a root such as `input` or `index`)</source>
        <translation>der Name, unter dem der Body das Element liest (keine Wurzel wie `input` oder `index`)</translation>
    </message>
    <message>
        <source>the request that undoes this step when the run fails later</source>
        <translation>die Anfrage, die diesen Schritt rückgängig macht, wenn der Lauf später scheitert</translation>
    </message>
    <message>
        <source>the request that undoes this step when the run fails later (a `path` is on the step&apos;s service)</source>
        <translation>die Anfrage, die diesen Schritt rückgängig macht, wenn der Lauf später scheitert (ein `path` gilt für den Dienst des Schritts)</translation>
    </message>
    <message>
        <source>the request that undoes this step when the run fails later (needs a full `url`: a call step has no service)</source>
        <translation>die Anfrage, die diesen Schritt rückgängig macht, wenn der Lauf später scheitert (braucht eine vollständige `url`: ein Call-Schritt hat keinen Dienst)</translation>
    </message>
    <message>
        <source>the request: method, path on the service, query, headers, body or form</source>
        <translation>die Anfrage: Methode, Pfad auf dem Dienst, Query-Parameter, Header, Body oder Formular</translation>
    </message>
    <message>
        <source>the run&apos;s output</source>
        <translation>die Ausgabe des Laufs</translation>
    </message>
    <message>
        <source>the service the request goes to; required unless a full `url` is given</source>
        <translation>der Dienst, an den die Anfrage geht; Pflicht, außer eine vollständige `url` ist angegeben</translation>
    </message>
    <message>
        <source>the shape stored as the step&apos;s result; the raw answer is read as `response`</source>
        <translation>die Form, die als Ergebnis des Schritts gespeichert wird; die rohe Antwort ist als `response` lesbar</translation>
    </message>
    <message>
        <source>the statuses that count as success: 200, &quot;2xx&quot;, &quot;200-299&quot;, or a list</source>
        <translation>die Status, die als Erfolg zählen: 200, &quot;2xx&quot;, &quot;200-299&quot; oder eine Liste</translation>
    </message>
    <message>
        <source>the step to go to next, in the same list</source>
        <translation>der nächste Schritt, in derselben Liste</translation>
    </message>
    <message>
        <source>the step to go to, in the same list</source>
        <translation>der Schritt, zu dem es geht, in derselben Liste</translation>
    </message>
    <message>
        <source>the sub-flow&apos;s file, relative to this one; it must exist and not be this file</source>
        <translation>die Datei des Unter-Flows, relativ zu dieser; sie muss existieren und darf nicht diese Datei sein</translation>
    </message>
    <message>
        <source>the sub-flow&apos;s input</source>
        <translation>die Eingabe des Unter-Flows</translation>
    </message>
    <message>
        <source>the whole step, cancelling its branches</source>
        <translation>der ganze Schritt; bricht seine Zweige ab</translation>
    </message>
    <message>
        <source>the whole step, cancelling the items still running</source>
        <translation>der ganze Schritt; bricht die noch laufenden Elemente ab</translation>
    </message>
    <message>
        <source>the whole step: every attempt and the sub-flow</source>
        <translation>der ganze Schritt: jeder Versuch und der Unter-Flow</translation>
    </message>
    <message>
        <source>wait the server&apos;s Retry-After when it is longer</source>
        <translation>das Retry-After des Servers abwarten, wenn es länger ist</translation>
    </message>
    <message>
        <source>what went wrong</source>
        <translation>was schiefgegangen ist</translation>
    </message>
    <message>
        <source>where to go when no case holds</source>
        <translation>wohin es geht, wenn kein Fall zutrifft</translation>
    </message>
</context>
<context>
    <name>tutti::studio::ExportDialog</name>
    <message>
        <source># The folder Save… writes:</source>
        <translation># Der Ordner, den Speichern… schreibt:</translation>
    </message>
    <message>
        <source># ==&gt; %1 (copied)</source>
        <translation># ==&gt; %1 (kopiert)</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>Automatic (JSONPath when every expression maps, else JSONata)</source>
        <translation>Automatisch (JSONPath, wenn sich jeder Ausdruck abbilden lässt, sonst JSONata)</translation>
    </message>
    <message>
        <source>JSONPath</source>
        <translation>JSONPath</translation>
    </message>
    <message>
        <source>JSONata</source>
        <translation>JSONata</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>&amp;Query language:</source>
        <translation>&amp;Abfragesprache:</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern…</translation>
    </message>
    <message>
        <source>Exporting %1.</source>
        <translation>%1 wird exportiert.</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>Export nicht möglich: %1</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>Keine Warnungen.</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s):</source>
        <translation>
            <numerusform>%n Warnung:</numerusform>
            <numerusform>%n Warnungen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>Nichts zu speichern</translation>
    </message>
    <message>
        <source>Written to %1.</source>
        <translation>Nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>Bundle folder</source>
        <translation>Paketordner</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>%1 is not empty. Write the bundle into it anyway?</source>
        <translation>%1 ist nicht leer. Das Paket trotzdem hineinschreiben?</translation>
    </message>
</context>
<context>
    <name>tutti::studio::HelpBrowser</name>
    <message>
        <source>Tutti Studio Documentation</source>
        <translation>Tutti Studio – Dokumentation</translation>
    </message>
    <message>
        <source>Back (Alt+Left)</source>
        <translation>Zurück (Alt+Links)</translation>
    </message>
    <message>
        <source>Forward (Alt+Right)</source>
        <translation>Vorwärts (Alt+Rechts)</translation>
    </message>
    <message>
        <source>Find in page (Ctrl+F, Enter for next)</source>
        <translation>Auf der Seite suchen (Strg+F, Eingabe für den nächsten Treffer)</translation>
    </message>
    <message>
        <source>%1 is not part of the offline documentation</source>
        <translation>%1 gehört nicht zur Offline-Dokumentation</translation>
    </message>
    <message>
        <source>%1 — Tutti Studio Documentation</source>
        <translation>%1 – Tutti Studio – Dokumentation</translation>
    </message>
    <message>
        <source>wrapped</source>
        <translation>von vorn</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
</context>
<context>
    <name>tutti::studio::MainWindow</name>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>%1 is used by the run and simulate panels</source>
        <translation>%1 wird von den Bereichen Ausführen und Simulation verwendet</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Flow</source>
        <translation>&amp;Neuer Flow</translation>
    </message>
    <message>
        <source>&amp;Open Flow…</source>
        <translation>Flow &amp;öffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Workspace…</source>
        <translation>&amp;Arbeitsbereich öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Save A&amp;ll</source>
        <translation>A&amp;lle speichern</translation>
    </message>
    <message>
        <source>Ctrl+Alt+S</source>
        <translation>Ctrl+Alt+S</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>&amp;Close Flow</source>
        <translation>Flow s&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>E&amp;infügen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Duplizieren</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Alles a&amp;uswählen</translation>
    </message>
    <message>
        <source>Re&amp;name Step…</source>
        <translation>Schritt u&amp;mbenennen…</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>&amp;Nächster Treffer</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>&amp;Vorheriger Treffer</translation>
    </message>
    <message>
        <source>Find &amp;Step Type…</source>
        <translation>Schritt&amp;typ suchen…</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Ctrl+=</source>
        <translation>Ctrl+=</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>&amp;Fit Flow</source>
        <translation>Flow &amp;einpassen</translation>
    </message>
    <message>
        <source>Ctrl+9</source>
        <translation>Ctrl+9</translation>
    </message>
    <message>
        <source>Automatic &amp;Layout</source>
        <translation>Automatisches &amp;Layout</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;YAML View</source>
        <translation>&amp;YAML-Ansicht</translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation>&amp;Minikarte</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Overview of the flow (hidden while all of it is in view)</source>
        <translation>Übersicht über den Flow (ausgeblendet, solange er ganz zu sehen ist)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Bereiche</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Layout &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Next Flow</source>
        <translation>Nächster Flow</translation>
    </message>
    <message>
        <source>Ctrl+Tab</source>
        <translation>Ctrl+Tab</translation>
    </message>
    <message>
        <source>Previous Flow</source>
        <translation>Vorheriger Flow</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Tab</source>
        <translation>Ctrl+Shift+Tab</translation>
    </message>
    <message>
        <source>&amp;Arrange</source>
        <translation>An&amp;ordnen</translation>
    </message>
    <message>
        <source>Align &amp;Horizontally</source>
        <translation>&amp;Horizontal ausrichten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>Align &amp;Vertically</source>
        <translation>&amp;Vertikal ausrichten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <source>Distribute Hori&amp;zontally</source>
        <translation>Hori&amp;zontal verteilen</translation>
    </message>
    <message>
        <source>Distribute V&amp;ertically</source>
        <translation>V&amp;ertikal verteilen</translation>
    </message>
    <message>
        <source>&amp;Collapse/Expand Container</source>
        <translation>Container &amp;auf-/zuklappen</translation>
    </message>
    <message>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Tutti Studio</source>
        <translation>Ü&amp;ber Tutti Studio</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>About Tutti Studio</source>
        <translation>Über Tutti Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tutti Studio %1&lt;/h3&gt;&lt;p&gt;Design, run and break API orchestration flows.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tutti Studio %1&lt;/h3&gt;&lt;p&gt;API-Orchestrierungs-Flows entwerfen, ausführen und auf die Probe stellen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Flows</translation>
    </message>
    <message>
        <source>Mocks</source>
        <translation>Mocks</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>No flows in %1 yet: File › New Flow starts one</source>
        <translation>Noch keine Flows in %1: Datei › Neuer Flow legt einen an</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot open %1:
%2</source>
        <translation>%1 kann nicht geöffnet werden:
%2</translation>
    </message>
    <message>
        <source>Open Flow</source>
        <translation>Flow öffnen</translation>
    </message>
    <message>
        <source>%1 does not parse: %2</source>
        <translation>%1 lässt sich nicht parsen: %2</translation>
    </message>
    <message>
        <source>✗ does not parse</source>
        <translation>✗ lässt sich nicht parsen</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n problem(s)</source>
        <translation>
            <numerusform>⚠ %n Problem</numerusform>
            <numerusform>⚠ %n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ valid</source>
        <translation>✓ gültig</translation>
    </message>
    <message>
        <source>Tutti Studio</source>
        <translation>Tutti Studio</translation>
    </message>
    <message>
        <source>Flows, mocks and profiles (*.flow.yaml *.mock.yaml *.profile.yaml);;YAML (*.yaml *.yml)</source>
        <translation>Flows, Mocks und Profile (*.flow.yaml *.mock.yaml *.profile.yaml);;YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cannot save:
%1</source>
        <translation>Speichern nicht möglich:
%1</translation>
    </message>
    <message>
        <source>Cannot save: %1</source>
        <translation>Speichern nicht möglich: %1</translation>
    </message>
    <message>
        <source>Save Flow As</source>
        <translation>Flow speichern unter</translation>
    </message>
    <message>
        <source>Flows (*.flow.yaml)</source>
        <translation>Flows (*.flow.yaml)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Saved %1 as typed, but it does not parse: %2</source>
        <translation>%1 wie eingegeben gespeichert, aber es lässt sich nicht parsen: %2</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>The YAML does not parse (%1); it is saved as typed.</source>
        <translation>Das YAML lässt sich nicht parsen (%1); es wird wie eingegeben gespeichert.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>Ungespeicherte Änderungen wiederherstellen?</translation>
    </message>
    <message>
        <source>Tutti Studio found an autosaved version of %1 from %2 that is newer than the file — probably from a session that did not end cleanly. Restore it?</source>
        <translation>Tutti Studio hat eine automatisch gespeicherte Version von %1 vom %2 gefunden, die neuer als die Datei ist – vermutlich aus einer Sitzung, die nicht sauber beendet wurde. Wiederherstellen?</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>The autosave cannot be read:
%1</source>
        <translation>Die automatische Sicherung kann nicht gelesen werden:
%1</translation>
    </message>
    <message>
        <source>Restored unsaved changes of %1; they do not parse: %2</source>
        <translation>Ungespeicherte Änderungen an %1 wiederhergestellt; sie lassen sich nicht parsen: %2</translation>
    </message>
    <message>
        <source>Restored unsaved changes of %1</source>
        <translation>Ungespeicherte Änderungen an %1 wiederhergestellt</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Speichern unter</translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 as typed — it has %n problem(s): %2</source>
        <translation>
            <numerusform>%1 wie eingegeben gespeichert – es hat %n Problem: %2</numerusform>
            <numerusform>%1 wie eingegeben gespeichert – es hat %n Probleme: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tutti::studio::RunBrowser</name>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Run Viewer</source>
        <translation>Laufbetrachter</translation>
    </message>
    <message>
        <source>Open a workspace first: its runs are in WORKSPACE/.tutti/traces.db</source>
        <translation>Öffnen Sie zuerst einen Arbeitsbereich: Seine Läufe liegen in WORKSPACE/.tutti/traces.db</translation>
    </message>
    <message>
        <source>No runs stored yet in %1</source>
        <translation>Noch keine Läufe in %1 gespeichert</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source> — its flow %1 is not open, so the canvas shows no overlay</source>
        <translation> – sein Flow %1 ist nicht geöffnet, daher zeigt die Zeichenfläche keine Überlagerung</translation>
    </message>
    <message>
        <source> — the flow is running, so its canvas keeps showing that run</source>
        <translation> – der Flow läuft gerade, daher zeigt seine Zeichenfläche weiter diesen Lauf</translation>
    </message>
    <message>
        <source>Run %1 (%2) opened%3</source>
        <translation>Lauf %1 (%2) geöffnet%3</translation>
    </message>
    <message>
        <source>Run from here needs the run&apos;s flow open in a tab</source>
        <translation>„Ab hier ausführen“ braucht den Flow des Laufs in einem offenen Tab</translation>
    </message>
</context>
<context>
    <name>tutti::studio::SecretsDialog</name>
    <message>
        <source>Secrets</source>
        <translation>Geheimnisse</translation>
    </message>
    <message>
        <source>Secrets of this workspace, kept in the system keychain. Flows read them as &lt;code&gt;{{ secret.NAME }}&lt;/code&gt;; a TUTTI_SECRET_NAME environment variable wins. Values are never shown or written to a file.</source>
        <translation>Geheimnisse dieses Arbeitsbereichs, aufbewahrt im Schlüsselbund des Systems. Flows lesen sie als &lt;code&gt;{{ secret.NAME }}&lt;/code&gt;; eine Umgebungsvariable TUTTI_SECRET_NAME hat Vorrang. Werte werden nie angezeigt oder in eine Datei geschrieben.</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Kein Arbeitsbereich geöffnet.</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsbereich: %1</translation>
    </message>
    <message>
        <source>NAME (letters, digits, _)</source>
        <translation>NAME (Buchstaben, Ziffern, _)</translation>
    </message>
    <message>
        <source>value (not shown)</source>
        <translation>Wert (wird nicht angezeigt)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Wert:</translation>
    </message>
    <message>
        <source>&amp;Store</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>No keychain in this build: use TUTTI_SECRET_NAME environment variables.</source>
        <translation>Kein Schlüsselbund in diesem Build: Verwenden Sie Umgebungsvariablen TUTTI_SECRET_NAME.</translation>
    </message>
    <message>
        <source>Open a workspace to keep its secrets.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, um seine Geheimnisse aufzubewahren.</translation>
    </message>
    <message>
        <source>No secrets stored for this workspace yet.</source>
        <translation>Für diesen Arbeitsbereich sind noch keine Geheimnisse gespeichert.</translation>
    </message>
    <message>
        <source>Stored %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
</context>
<context>
    <name>tutti::studio::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Text size:</source>
        <translation>Textgröße:</translation>
    </message>
    <message>
        <source>Of the canvas and the YAML view; %1 pt is the standard size.</source>
        <translation>Der Zeichenfläche und der YAML-Ansicht; %1 pt ist die Standardgröße.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Autosave every:</source>
        <translation>Automatisch speichern alle:</translation>
    </message>
    <message>
        <source>Unsaved flows are copied to WORKSPACE/.tutti/autosave and offered back after a crash; the files themselves change only when you save.</source>
        <translation>Ungespeicherte Flows werden nach WORKSPACE/.tutti/autosave kopiert und nach einem Absturz wieder angeboten; die Dateien selbst ändern sich erst beim Speichern.</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Farbschema:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Takes effect the next time Tutti Studio starts.</source>
        <translation>Wirkt beim nächsten Start von Tutti Studio.</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Default environment:</source>
        <translation>Standardumgebung:</translation>
    </message>
    <message>
        <source>What the Run panel starts on when the flow&apos;s tutti.yaml has it; otherwise mock, where every service answers from its mock.</source>
        <translation>Womit der Bereich Ausführen startet, wenn die tutti.yaml des Flows sie kennt; sonst mock, wo jeder Dienst aus seinem Mock antwortet.</translation>
    </message>
    <message>
        <source>In each workspace: WORKSPACE/.tutti/traces.db</source>
        <translation>In jedem Arbeitsbereich: WORKSPACE/.tutti/traces.db</translation>
    </message>
    <message>
        <source>In one database for every workspace:</source>
        <translation>In einer Datenbank für alle Arbeitsbereiche:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Store runs:</source>
        <translation>Läufe speichern:</translation>
    </message>
    <message>
        <source>Runs and the failed runs a simulation keeps go there; tutti trace reads the workspace&apos;s unless given --trace-db.</source>
        <translation>Läufe und die fehlgeschlagenen Läufe, die eine Simulation aufbewahrt, landen dort; tutti trace liest die des Arbeitsbereichs, sofern nicht --trace-db angegeben ist.</translation>
    </message>
    <message>
        <source>Trace Database</source>
        <translation>Trace-Datenbank</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>tutti::studio::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Filter by action or key, e.g. “save” or “Ctrl+S”</source>
        <translation>Nach Aktion oder Taste filtern, z. B. „speichern“ oder „Strg+S“</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>   or   </source>
        <translation>   oder   </translation>
    </message>
    <message>
        <source>   (on the canvas)</source>
        <translation>   (auf der Zeichenfläche)</translation>
    </message>
    <message>
        <source>With the mouse on the canvas: Ctrl+wheel zooms; the wheel, the middle button or Space+drag pans.</source>
        <translation>Mit der Maus auf der Zeichenfläche: Strg+Mausrad zoomt; das Mausrad, die mittlere Maustaste oder Leertaste+Ziehen verschieben die Ansicht.</translation>
    </message>
</context>
<context>
    <name>tutti::studio::StudioDebugger</name>
    <message>
        <source>Debugger</source>
        <translation>Debugger</translation>
    </message>
    <message>
        <source>&amp;Debug</source>
        <translation>Fehler&amp;suche</translation>
    </message>
    <message>
        <source>Start &amp;Debugging</source>
        <translation>&amp;Debuggen starten</translation>
    </message>
    <message>
        <source>Run the flow under the debugger: it stops at breakpoints (Ctrl+F5)</source>
        <translation>Den Flow im Debugger ausführen: er hält an Haltepunkten an (Strg+F5)</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>Go on until the next breakpoint or the end (F5)</source>
        <translation>Bis zum nächsten Haltepunkt oder zum Ende weiterlaufen (F5)</translation>
    </message>
    <message>
        <source>Step &amp;Over</source>
        <translation>&amp;Prozedurschritt</translation>
    </message>
    <message>
        <source>Run this step and stop before the next one (F10)</source>
        <translation>Diesen Schritt ausführen und vor dem nächsten anhalten (F10)</translation>
    </message>
    <message>
        <source>Step &amp;Into</source>
        <translation>&amp;Einzelschritt</translation>
    </message>
    <message>
        <source>Stop at the first step inside this parallel, map or call step (F11); on other steps, as Step Over</source>
        <translation>Beim ersten Schritt in diesem parallel-, map- oder call-Schritt anhalten (F11); bei anderen Schritten wie Prozedurschritt</translation>
    </message>
    <message>
        <source>Toggle &amp;Breakpoint</source>
        <translation>&amp;Haltepunkt umschalten</translation>
    </message>
    <message>
        <source>Stop before the selected step when debugging (F9)</source>
        <translation>Beim Debuggen vor dem gewählten Schritt anhalten (F9)</translation>
    </message>
    <message>
        <source>Edit Breakpoint Co&amp;ndition…</source>
        <translation>Haltepunkt-&amp;Bedingung bearbeiten…</translation>
    </message>
    <message>
        <source>Remove &amp;All Breakpoints</source>
        <translation>&amp;Alle Haltepunkte entfernen</translation>
    </message>
    <message>
        <source>Paused before %1</source>
        <translation>Angehalten vor %1</translation>
    </message>
    <message>
        <source>Remove &amp;Breakpoint</source>
        <translation>&amp;Haltepunkt entfernen</translation>
    </message>
    <message>
        <source>Stop before %1 only when this expression is true (empty: always), e.g. steps.reserve.status == 409 or input.amount &gt; 100:</source>
        <translation>Nur vor %1 anhalten, wenn dieser Ausdruck wahr ist (leer: immer), z. B. steps.reserve.status == 409 oder input.amount &gt; 100:</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Breakpoint Condition</source>
        <translation>Haltepunkt-Bedingung</translation>
    </message>
    <message>
        <source>Breakpoint at %1</source>
        <translation>Haltepunkt bei %1</translation>
    </message>
    <message>
        <source>Breakpoint at %1 when %2</source>
        <translation>Haltepunkt bei %1, wenn %2</translation>
    </message>
</context>
<context>
    <name>tutti::studio::StudioHelp</name>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Dokumentation</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Open Example</source>
        <translation>Beispiel öffnen</translation>
    </message>
    <message>
        <source>Opened your own copy of the %1 example: F5 runs it against its mocks</source>
        <translation>Ihre eigene Kopie des Beispiels %1 ist geöffnet: F5 führt es gegen seine Mocks aus</translation>
    </message>
    <message>
        <source>Se&amp;crets…</source>
        <translation>Ge&amp;heimnisse…</translation>
    </message>
</context>
<context>
    <name>tutti::studio::StudioPanels</name>
    <message>
        <source>Open a flow to edit its steps here.</source>
        <translation>Öffnen Sie einen Flow, um hier seine Schritte zu bearbeiten.</translation>
    </message>
    <message>
        <source>Open a flow to see its problems.</source>
        <translation>Öffnen Sie einen Flow, um seine Probleme zu sehen.</translation>
    </message>
    <message>
        <source>Open a flow to run it.</source>
        <translation>Öffnen Sie einen Flow, um ihn auszuführen.</translation>
    </message>
    <message>
        <source>Open a flow to simulate it.</source>
        <translation>Öffnen Sie einen Flow, um ihn zu simulieren.</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <source>&amp;Run Flow</source>
        <translation>Flow &amp;ausführen</translation>
    </message>
    <message>
        <source>Run the flow once against its mocks or the chosen environment (F5)</source>
        <translation>Den Flow einmal gegen seine Mocks oder die gewählte Umgebung ausführen (F5)</translation>
    </message>
    <message>
        <source>&amp;Stop Run</source>
        <translation>Lauf &amp;stoppen</translation>
    </message>
    <message>
        <source>Si&amp;mulate…</source>
        <translation>Si&amp;mulieren…</translation>
    </message>
    <message>
        <source>Run the flow thousands of times in virtual time (F6)</source>
        <translation>Den Flow tausendfach in virtueller Zeit ausführen (F6)</translation>
    </message>
    <message>
        <source>&amp;Cancel Simulation</source>
        <translation>Simulation a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Mock profile %1 selected for runs and simulations</source>
        <translation>Mock-Profil %1 für Läufe und Simulationen ausgewählt</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>Probleme (%1)</translation>
    </message>
</context>
<context>
    <name>tutti::studio::StudioSettings</name>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>System (%1)</translation>
    </message>
    <message>
        <source>dark</source>
        <translation>dunkel</translation>
    </message>
    <message>
        <source>light</source>
        <translation>hell</translation>
    </message>
</context>
<context>
    <name>tutti::studio::WelcomePage</name>
    <message>
        <source>Tutti Studio</source>
        <translation>Tutti Studio</translation>
    </message>
    <message>
        <source>Design, run and break API orchestration flows.</source>
        <translation>API-Orchestrierungs-Flows entwerfen, ausführen und auf die Probe stellen.</translation>
    </message>
    <message>
        <source>New here? Open an example on the right: each is a workspace with a flow and the mocks it talks to, so &lt;b&gt;Run&lt;/b&gt; (F5) and &lt;b&gt;Simulate&lt;/b&gt; (F6) work without a network. Help › Documentation (F1) has the flow format and every panel.</source>
        <translation>Neu hier? Öffnen Sie rechts ein Beispiel: Jedes ist ein Arbeitsbereich mit einem Flow und den Mocks, mit denen er spricht, also funktionieren &lt;b&gt;Ausführen&lt;/b&gt; (F5) und &lt;b&gt;Simulieren&lt;/b&gt; (F6) ohne Netzwerk. Hilfe › Dokumentation (F1) beschreibt das Flow-Format und jeden Bereich.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>New Flow</source>
        <translation>Neuer Flow</translation>
    </message>
    <message>
        <source>Start a flow in a new tab (Ctrl+N)</source>
        <translation>Einen Flow in einem neuen Tab beginnen (Strg+N)</translation>
    </message>
    <message>
        <source>Open Flow…</source>
        <translation>Flow öffnen…</translation>
    </message>
    <message>
        <source>A flow, mock or profile file (Ctrl+O)</source>
        <translation>Eine Flow-, Mock- oder Profildatei (Strg+O)</translation>
    </message>
    <message>
        <source>Open Workspace…</source>
        <translation>Arbeitsbereich öffnen…</translation>
    </message>
    <message>
        <source>A folder with flows, mocks/ and profiles/ (Ctrl+Shift+O)</source>
        <translation>Ein Ordner mit Flows, mocks/ und profiles/ (Strg+Umschalt+O)</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>Dokumentation</translation>
    </message>
    <message>
        <source>The flow format, the studio, mocks and simulation (F1)</source>
        <translation>Das Flow-Format, das Studio, Mocks und Simulation (F1)</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Every menu action and its keys</source>
        <translation>Jede Menüaktion und ihre Tasten</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Opens a copy of the %1 example in %2</source>
        <translation>Öffnet eine Kopie des Beispiels %1 in %2</translation>
    </message>
    <message>
        <source>This build has no bundled examples.</source>
        <translation>Dieser Build enthält keine Beispiele.</translation>
    </message>
    <message>
        <source>An example opens as your own copy: edit and run it freely.</source>
        <translation>Ein Beispiel öffnet sich als Ihre eigene Kopie: Bearbeiten und ausführen nach Belieben.</translation>
    </message>
    <message>
        <source>Nothing opened yet.</source>
        <translation>Noch nichts geöffnet.</translation>
    </message>
</context>
</TS>

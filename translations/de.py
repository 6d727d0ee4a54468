# German translations of the GUI, applied to switchboard_de.ts by translations/apply.py.
# Keyed by source text; a (context, source) key overrides for one context. Numerus entries
# are (singular, plural).
DE = {
    # QObject (app/gui/main.cpp)
    "Switchboard": "Switchboard",
    "Host real-time WebSocket services on your LAN and watch them live.":
        "Echtzeit-WebSocket-Dienste im lokalen Netz bereitstellen und live beobachten.",
    "Save a PNG of the main window after --screenshot-delay ms, then quit.":
        "Nach --screenshot-delay ms ein PNG des Hauptfensters speichern und beenden.",
    "Delay before the screenshot (default 1500 ms).": "Wartezeit vor dem Bildschirmfoto (Standard 1500 ms).",
    "Open on this tab: overview, connections, presence, traffic, raw or admin.":
        "Mit diesem Reiter öffnen: overview, connections, presence, traffic, raw oder admin.",
    "Start with traffic capture on.": "Mit eingeschaltetem Mitschnitt starten.",
    "Print 'listening <services> <url>' for each listener once the server runs.":
        "Für jeden Listener „listening <Dienste> <URL>“ ausgeben, sobald der Server läuft.",
    "Quit after this many ms.": "Nach so vielen ms beenden.",
    "At exit, write how long the window's event loop stalled (JSON) to FILE.":
        "Beim Beenden in DATEI schreiben, wie lange die Ereignisschleife des Fensters hing (JSON).",
    "Switchboard cannot start": "Switchboard kann nicht starten",
    "The server could not start:\n\n%1": "Der Server konnte nicht starten:\n\n%1",
    "--tab: expected overview, connections, presence, traffic, raw or admin":
        "--tab: erwartet overview, connections, presence, traffic, raw oder admin",
    "Interface language: de, en, or system (the default is the choice saved in Settings, else the system's).":
        "Sprache der Oberfläche: de, en oder system (Standard: die in den Einstellungen gespeicherte Wahl, sonst die des Systems).",
    # Remote nodes (issue 20): main.cpp, AuditWidget, ConnectDialog, MainWindow, RemoteNode
    "Open straight onto a remote node's admin endpoint, e.g. ws://192.168.1.20:8070 (credentials: the URL's user:password, or an admin token in SWITCHBOARD_ADMIN_TOKEN; else the connect dialog asks).":
        "Direkt einen entfernten Knoten über seinen Admin-Endpunkt öffnen, z. B. ws://192.168.1.20:8070 (Anmeldung: Benutzer:Passwort der URL oder ein Admin-Token in SWITCHBOARD_ADMIN_TOKEN; sonst fragt der Verbindungsdialog).",
    "--connect: expected ws://HOST:PORT or wss://HOST:PORT": "--connect: erwartet ws://HOST:PORT oder wss://HOST:PORT",
    "Every administrative change to this server — from this window or from a desktop app attached remotely — with who made it and from where. Kept in the server's database.":
        "Jede administrative Änderung an diesem Server – aus diesem Fenster oder aus einer entfernt verbundenen Desktop-App – mit Urheber und Herkunft. Gespeichert in der Datenbank des Servers.",
    "When": "Wann",
    "From": "Von",
    "Change": "Änderung",
    "On": "Betrifft",
    "No changes recorded yet.": "Noch keine Änderungen aufgezeichnet.",
    "The latest %n change(s), newest first.": ("Die letzte %n Änderung.", "Die letzten %n Änderungen, neueste zuerst."),
    "Connect to server": "Mit Server verbinden",
    "Watch and administer another Switchboard node — a switchboardd on a mini PC, a server in the cupboard — through its admin endpoint (port 8070 unless its configuration says otherwise).":
        "Einen anderen Switchboard-Knoten beobachten und verwalten – ein switchboardd auf einem Mini-PC, ein Server im Schrank – über seinen Admin-Endpunkt (Port 8070, sofern seine Konfiguration nichts anderes sagt).",
    "New server": "Neuer Server",
    "%1 as %2": "%1 als %2",
    "Server": "Server",
    "host name or IP address, e.g. 192.168.1.20": "Hostname oder IP-Adresse, z. B. 192.168.1.20",
    "Address": "Adresse",
    "TLS (wss://)": "TLS (wss://)",
    "Email and password": "E-Mail und Passwort",
    "Admin API token": "Admin-API-Token",
    "Sign in with": "Anmelden mit",
    "a superuser's or an employee's email": "E-Mail eines Superusers oder Mitarbeiters",
    "sba_… (Administration → Users and tokens, scope admin)": "sba_… (Verwaltung → Benutzer und Tokens, Bereich admin)",
    "The first time, the server's certificate fingerprint is shown for you to compare and trust.":
        "Beim ersten Mal wird der Fingerabdruck des Serverzertifikats zum Vergleichen und Vertrauen angezeigt.",
    "Without TLS the password or token travels unencrypted across the LAN. Give the node's admin endpoint a certificate (\"admin\": {\"tls\": …}) and tick TLS.":
        "Ohne TLS gehen Passwort oder Token unverschlüsselt durchs LAN. Geben Sie dem Admin-Endpunkt des Knotens ein Zertifikat (\"admin\": {\"tls\": …}) und haken Sie TLS an.",
    "&Connect to server…": "Mit Server &verbinden…",
    "&This computer": "&Dieser Computer",
    "Connect to server…": "Mit Server verbinden…",
    "Watch and administer another Switchboard node on the network": "Einen anderen Switchboard-Knoten im Netz beobachten und verwalten",
    "Show this computer's own server again": "Wieder den eigenen Server dieses Computers zeigen",
    "Audit": "Protokoll",
    "Trust this server?": "Diesem Server vertrauen?",
    "%1 presented a certificate this computer does not trust (self-signed?).\n\nSHA-256 fingerprint:\n%2\n\nCompare it with the one the server printed (switchboardd cert generate) or shows in its Listeners tab. Trust it from now on?":
        "%1 legt ein Zertifikat vor, dem dieser Computer nicht vertraut (selbst signiert?).\n\nSHA-256-Fingerabdruck:\n%2\n\nVergleichen Sie ihn mit dem, den der Server ausgegeben hat (switchboardd cert generate) oder in seinem Listener-Reiter zeigt. Ab jetzt vertrauen?",
    "Cannot connect": "Keine Verbindung",
    "Cannot connect to %1: %2": "Keine Verbindung zu %1: %2",
    "This computer — the server built into this app": "Dieser Computer – der in diese App eingebaute Server",
    "%1 — Switchboard (remote)": "%1 – Switchboard (entfernt)",
    "%1 listens on all its network interfaces: machines on its LAN can connect using the addresses below.":
        "%1 lauscht auf allen seinen Netzwerkschnittstellen: Rechner in seinem LAN können sich über die Adressen unten verbinden.",
    "%1 listens on its own computer only: nobody else on the network can connect.":
        "%1 lauscht nur auf dem eigenen Computer: niemand sonst im Netz kann sich verbinden.",
    "Only its own computer": "Nur sein eigener Computer",
    "Cannot stop listener": "Listener kann nicht angehalten werden",
    "the server's certificate is not trusted (SHA-256 %1)": "dem Zertifikat des Servers wird nicht vertraut (SHA-256 %1)",
    "Connected to %1 (%2) as %3": "Verbunden mit %1 (%2) als %3",
    "Connection to %1 lost: %2 — trying again in %3 s": "Verbindung zu %1 verloren: %2 – neuer Versuch in %3 s",
    "%1 refused: %2": "%1 lehnt ab: %2",
    "the connection to %1 was lost": "die Verbindung zu %1 ist abgebrochen",
    "not connected to %1": "nicht mit %1 verbunden",
    "On your network": "In Ihrem Netz",
    "None found: type the address below": "Keiner gefunden: Adresse unten eingeben",
    "Pick a node found on the LAN…": "Einen im LAN gefundenen Knoten wählen…",
    "On your network:": "In Ihrem Netz:",
    "%1 — %2:%3%4": "%1 – %2:%3%4",
    " (TLS)": " (TLS)",
    "%1 — %2 (its admin endpoint is not open to the LAN)": "%1 – %2 (sein Admin-Endpunkt ist für das LAN nicht offen)",
    "Start it with --admin lan, or \"admin\": {\"reach\": \"lan\"} in its config.json":
        "Mit --admin lan starten oder \"admin\": {\"reach\": \"lan\"} in seine config.json schreiben",
    "No Switchboard node announces itself on the LAN (yet). Type its address below.":
        "(Noch) kein Switchboard-Knoten meldet sich im LAN. Geben Sie seine Adresse unten ein.",
    "private — a felix bot (socket and REST)": "private – ein Felix-Bot (Socket und REST)",
    "public — names a bot; felix refuses it": "public – benennt einen Bot; Felix lehnt ihn ab",
    "admin — the admin endpoint (watch and administer this server remotely)":
        "admin – der Admin-Endpunkt (diesen Server entfernt beobachten und verwalten)",
    "Read the users and tokens again (they are also read each time this page is shown)":
        "Benutzer und Tokens neu lesen (das geschieht auch jedes Mal, wenn diese Seite erscheint)",
    # describeConnectionError (ui/clients/clientsocket.cpp)
    "the request was not a valid WebSocket handshake for this path": "die Anfrage war kein gültiger WebSocket-Handshake für diesen Pfad",
    "credentials are missing or wrong": "Anmeldedaten fehlen oder sind falsch",
    "not allowed (a token or header is missing or refused)": "nicht erlaubt (ein Token oder Header fehlt oder wurde abgelehnt)",
    "there is no WebSocket at this path": "unter diesem Pfad gibt es keinen WebSocket",
    "the server wants another WebSocket version": "der Server verlangt eine andere WebSocket-Version",
    "too many connections or attempts from this address; try again later": "zu viele Verbindungen oder Versuche von dieser Adresse; später erneut versuchen",
    "the server is full or busy; try again later": "der Server ist voll oder beschäftigt; später erneut versuchen",
    "the server refused the WebSocket handshake: HTTP %1": "der Server hat den WebSocket-Handshake abgelehnt: HTTP %1",
    "the server refused the WebSocket handshake: HTTP %1, %2": "der Server hat den WebSocket-Handshake abgelehnt: HTTP %1, %2",
    "nothing is listening on %1 (connection refused)": "auf %1 lauscht nichts (Verbindung abgelehnt)",
    "the host %1 was not found": "der Host %1 wurde nicht gefunden",
    "%1 did not answer in time": "%1 hat nicht rechtzeitig geantwortet",
    "%1 closed the connection": "%1 hat die Verbindung geschlossen",
    "the network is unreachable": "das Netz ist nicht erreichbar",
    "the TLS handshake with %1 failed": "der TLS-Handshake mit %1 ist fehlgeschlagen",
    "the connection failed": "die Verbindung ist fehlgeschlagen",
    "the server's certificate is not trusted: %1": "dem Zertifikat des Servers wird nicht vertraut: %1",
    "Don't ask again": "Nicht mehr fragen",
    "%n client(s) are connected to this computer's server. Quitting disconnects them (code 1001).":
        ("%n Client ist mit dem Server dieses Computers verbunden. Beenden trennt ihn (Code 1001).",
         "%n Clients sind mit dem Server dieses Computers verbunden. Beenden trennt sie (Code 1001)."),
    "%n client(s) are connected to this computer's server. Closing the window quits Switchboard and disconnects them (code 1001).":
        ("%n Client ist mit dem Server dieses Computers verbunden. Das Fenster zu schließen beendet Switchboard und trennt ihn (Code 1001).",
         "%n Clients sind mit dem Server dieses Computers verbunden. Das Fenster zu schließen beendet Switchboard und trennt sie (Code 1001)."),
    # sb::ui helpers
    "connection %1 · %2 · %3 · %4 · since %5 · in %6 msgs / %7 B · out %8 msgs / %9 B":
        "Verbindung %1 · %2 · %3 · %4 · seit %5 · ein %6 Nachr. / %7 B · aus %8 Nachr. / %9 B",
    "%n s": ("%n s", "%n s"),
    "%1 min %2 s": "%1 min %2 s",
    "%1 h %2 min": "%1 h %2 min",
    "%1 d %2 h": "%1 T %2 h",
    "%1 %2, %3 — connection %4, %5\n\n": "%1 %2, %3 — Verbindung %4, %5\n\n",
    "in": "ein",
    "out": "aus",
    "(showing the first %1)\n\n": "(die ersten %1 werden gezeigt)\n\n",
    "Chat file frame\n\n%1\n\n%2 of file data, the first %3:\n\n": "Chat-Dateiframe\n\n%1\n\n%2 Dateidaten, die ersten %3:\n\n",
    # AdminWidget
    "Users": "Benutzer",
    "ID": "ID",
    "Email": "E-Mail",
    "Role": "Rolle",
    "Coins": "Münzen",
    "Created": "Angelegt",
    "New user…": "Neuer Benutzer…",
    "Change role…": "Rolle ändern…",
    "Add coins…": "Münzen gutschreiben…",
    "API tokens (felix)": "API-Token (felix)",
    "Name": "Name",
    "Scope": "Geltung",
    "State": "Zustand",
    "New token…": "Neues Token…",
    "Revoke": "Widerrufen",
    "Change role": "Rolle ändern",
    "Role of %1": "Rolle von %1",
    "Add coins": "Münzen gutschreiben",
    "Coins for %1": "Münzen für %1",
    "The server is not running.": "Der Server läuft nicht.",
    "revoked": "widerrufen",
    "active": "aktiv",
    "Created %1 (%2) with %3 coins": "%1 (%2) mit %3 Münzen angelegt",
    "Could not create %1: %2": "%1 konnte nicht angelegt werden: %2",
    "%1 is now %2": "%1 ist jetzt %2",
    "Could not change %1: %2": "%1 konnte nicht geändert werden: %2",
    "%1 now has %2 coins": "%1 hat jetzt %2 Münzen",
    "Could not add coins: %1": "Münzen konnten nicht gutgeschrieben werden: %1",
    "Could not create token %1: %2": "Token %1 konnte nicht erstellt werden: %2",
    "Created %1 token %2 (shown once)": "%1-Token %2 erstellt (wird nur einmal gezeigt)",
    "Revoked %1: it no longer opens anything": "%1 widerrufen: es öffnet nichts mehr",
    "Could not revoke %1: %2": "%1 konnte nicht widerrufen werden: %2",
    "New user": "Neuer Benutzer",
    "Password": "Passwort",
    "New API token": "Neues API-Token",
    "Token %1": "Token %1",
    "Copy the token now: it is shown only once and stored only as a hash.":
        "Kopieren Sie das Token jetzt: Es wird nur einmal gezeigt und nur als Hash gespeichert.",
    "Copy": "Kopieren",
    # ConnectionsModel
    "never": "nie",
    "%1 ago": "vor %1",
    "%1 ms": "%1 ms",
    "no heartbeat": "kein Heartbeat",
    "fresh": "frisch",
    "late": "verspätet",
    "missed %n": ("%n verpasst", "%n verpasst"),
    "Service": "Dienst",
    "Peer": "Gegenstelle",
    "Who": "Wer",
    "Since": "Seit",
    "Msgs in": "Nachr. ein",
    "Msgs out": "Nachr. aus",
    "Bytes in": "Bytes ein",
    "Bytes out": "Bytes aus",
    "Last ping": "Letzter Ping",
    "Last pong": "Letzter Pong",
    "Round trip": "Umlaufzeit",
    "Heartbeat": "Heartbeat",
    "Limit hits": "Limit erreicht",
    # ConnectionsWidget
    "Filter by service, peer, user or client id…": "Nach Dienst, Gegenstelle, Benutzer oder Client-ID filtern…",
    "Disconnect…": "Trennen…",
    "Disconnect %1": "%1 trennen",
    "1000 normal closure, 1001 going away, 1008 policy violation, 4000–4999 your own":
        "1000 normales Schließen, 1001 geht weg, 1008 Richtlinienverstoß, 4000–4999 eigene Codes",
    "closed by the operator": "vom Betreiber geschlossen",
    "Close code": "Close-Code",
    "Reason": "Grund",
    "Disconnect": "Trennen",
    "Copy details": "Details kopieren",
    "Show traffic": "Verkehr zeigen",
    # HeartbeatsModel
    "every %1 s": "alle %1 s",
    "off": "aus",
    "Ping": "Ping",
    "Timeouts": "Zeitüberschreitungen",
    "Round trip (median)": "Umlaufzeit (Median)",
    "Round trip (95%)": "Umlaufzeit (95 %)",
    "Measured": "Gemessen",
    "Views clamped": "Aufrufe gekappt",
    "Reports refused": "Meldungen abgelehnt",
    # InspectorWidget
    "Capture traffic": "Verkehr mitschneiden",
    "Record every message and HTTP request of every service (secrets are masked). Off, capture costs nothing.":
        "Jede Nachricht und jede HTTP-Anfrage aller Dienste aufzeichnen (Geheimnisse werden maskiert). Ausgeschaltet kostet der Mitschnitt nichts.",
    "Pause": "Anhalten",
    "Clear": "Leeren",
    "Export…": "Exportieren…",
    "Save the shown records as JSON Lines": "Die gezeigten Einträge als JSON Lines speichern",
    "Export HAR…": "HAR exportieren…",
    "Save the shown HTTP requests and responses as a HAR file (browser developer tools open it)":
        "Die gezeigten HTTP-Anfragen und -Antworten als HAR-Datei speichern (Entwicklerwerkzeuge der Browser öffnen sie)",
    "Send again…": "Erneut senden…",
    "Put the selected client message into the raw client, to send it again":
        "Die gewählte Client-Nachricht in den Roh-Client übernehmen, um sie erneut zu senden",
    "All services": "Alle Dienste",
    "Both directions": "Beide Richtungen",
    "In (from clients)": "Ein (von Clients)",
    "Out (to clients)": "Aus (an Clients)",
    "Connection id": "Verbindungs-ID",
    "Text in the payload": "Text in den Nutzdaten",
    "Regular expression": "Regulärer Ausdruck",
    "Select a record to see it whole: JSON indented in the order it came, binary as hex.":
        "Wählen Sie einen Datensatz, um ihn ganz zu sehen: JSON eingerückt in der Reihenfolge, in der es kam, Binäres als Hex.",
    "Export traffic": "Verkehr exportieren",
    "JSON Lines (*.jsonl)": "JSON Lines (*.jsonl)",
    "Could not write %1": "%1 konnte nicht geschrieben werden",
    "Export HTTP as HAR": "HTTP als HAR exportieren",
    "HAR (*.har)": "HAR (*.har)",
    "%1 shown of %2 kept · %3 lost while paused or slow":
        "%1 gezeigt von %2 aufbewahrt · %3 verloren (angehalten oder zu langsam)",
    "%1 shown of %2 kept": "%1 gezeigt von %2 aufbewahrt",
    # ListenersModel
    "Running (TLS)": "Läuft (TLS)",
    "Running": "Läuft",
    "Stopped": "Angehalten",
    "Failed: %1": "Fehlgeschlagen: %1",
    "Only this computer can connect": "Nur dieser Computer kann sich verbinden",
    "this computer only": "nur dieser Computer",
    "Services": "Dienste",
    "Status": "Status",
    "On this computer": "Auf diesem Computer",
    "On your LAN": "In Ihrem lokalen Netz",
    "Connections": "Verbindungen",
    "Up for": "Läuft seit",
    # MainWindow
    "Listeners": "Listener",
    "Start": "Starten",
    "Stop": "Anhalten",
    "Copy LAN URL": "LAN-URL kopieren",
    "Start accepting connections on the selected listener": "Auf dem gewählten Listener Verbindungen annehmen",
    "Stop the selected listener and close its connections (code 1001)":
        "Den gewählten Listener anhalten und seine Verbindungen schließen (Code 1001)",
    "Copy the address other machines on your network use": "Die Adresse kopieren, die andere Rechner im Netz verwenden",
    "Traffic by service": "Verkehr nach Dienst",
    "Chart: all services": "Diagramm: alle Dienste",
    "Chart: %1": "Diagramm: %1",
    "Heartbeats and abuse": "Heartbeats und Missbrauch",
    "Overview": "Übersicht",
    "Presence": "Anwesenheit",
    "Traffic": "Verkehr",
    "Raw client": "Roh-Client",
    "Users and tokens": "Benutzer und Token",
    "&File": "&Datei",
    "&Quit": "&Beenden",
    "Show Switchboard": "Switchboard zeigen",
    "Quit": "Beenden",
    "Listening on all network interfaces: other machines on your LAN can connect using the addresses below.":
        "Lauscht auf allen Netzwerkschnittstellen: Andere Rechner im lokalen Netz können sich über die Adressen unten verbinden.",
    "Only this computer": "Nur dieser Computer",
    "Listening on this computer only: nobody else on the network can connect.":
        "Lauscht nur auf diesem Computer: Niemand sonst im Netz kann sich verbinden.",
    "Share on the LAN": "Im lokalen Netz freigeben",
    "Up for %1 · %2 worker threads · %n open WebSocket connection(s) · data in %3":
        ("Läuft seit %1 · %2 Worker-Threads · %n offene WebSocket-Verbindung · Daten in %3",
         "Läuft seit %1 · %2 Worker-Threads · %n offene WebSocket-Verbindungen · Daten in %3"),
    "Switchboard: %n connection(s)": ("Switchboard: %n Verbindung", "Switchboard: %n Verbindungen"),
    "Cannot start listener": "Listener kann nicht starten",
    "Copied %1": "%1 kopiert",
    "Cannot change the listen address": "Die Lauschadresse kann nicht geändert werden",
    "Switchboard is still running": "Switchboard läuft weiter",
    "The server keeps serving your LAN. Use the tray icon to open the window or quit.":
        "Der Server bedient Ihr lokales Netz weiter. Über das Symbol im Infobereich öffnen Sie das Fenster oder beenden.",
    "&Settings": "&Einstellungen",
    "&Language": "&Sprache",
    "System default": "Systemvorgabe",
    "The new language applies the next time Switchboard starts.":
        "Die neue Sprache gilt ab dem nächsten Start von Switchboard.",
    # PresenceWidget
    "Who or what": "Wer oder was",
    "Details": "Details",
    "Channels": "Kanäle",
    "%n channel(s)": ("%n Kanal", "%n Kanäle"),
    "%1 (on %2)": "%1 (auf %2)",
    "%n member(s), %1 recent events kept": ("%n Mitglied, %1 neuere Ereignisse aufbewahrt",
                                            "%n Mitglieder, %1 neuere Ereignisse aufbewahrt"),
    "%n active": ("%n aktiv", "%n aktiv"),
    "(lobby)": "(Lobby)",
    "Pop groups": "Pop-Gruppen",
    "Generic rooms": "Generic-Räume",
    "%n member(s)": ("%n Mitglied", "%n Mitglieder"),
    "Chat conversations (by chat id)": "Chat-Unterhaltungen (nach Chat-ID)",
    "%n open socket(s)": ("%n offener Socket", "%n offene Sockets"),
    "Felix subscriptions": "Felix-Abonnements",
    "Guilds": "Gilden",
    "%n id(s) listened to": ("%n abonnierte ID", "%n abonnierte IDs"),
    "%n connection(s)": ("%n Verbindung", "%n Verbindungen"),
    # RawClientWidget
    "ws://host:port/path or wss://…": "ws://host:port/pfad oder wss://…",
    "Connect": "Verbinden",
    "URL": "URL",
    "Extra headers, one per line, e.g. Authorization: <token>": "Zusätzliche Header, einer pro Zeile, z. B. Authorization: <Token>",
    "Headers": "Header",
    "Message to send (Ctrl+Enter sends)": "Zu sendende Nachricht (Strg+Eingabe sendet)",
    "Text": "Text",
    "Binary (hex)": "Binär (hex)",
    "Send": "Senden",
    "Send file…": "Datei senden…",
    "close reason": "Grund für das Schließen",
    "Close": "Schließen",
    "Saved messages": "Gespeicherte Nachrichten",
    "Save…": "Speichern…",
    "Send a file as one binary message": "Eine Datei als eine Binärnachricht senden",
    "Save message": "Nachricht speichern",
    "Connected · pong after %1 ms": "Verbunden · Pong nach %1 ms",
    "Connected to %1": "Verbunden mit %1",
    "Not connected: %1": "Nicht verbunden: %1",
    "Closed with code %1 %2": "Geschlossen mit Code %1 %2",
    "Not connected": "Nicht verbunden",
    "Connecting…": "Verbinde…",
    "Cancel": "Abbrechen",
    "Not connected: connect first": "Nicht verbunden: erst verbinden",
    "That is not hex: use pairs of 0-9 a-f, spaces allowed": "Das ist kein Hex: Paare aus 0-9 a-f verwenden, Leerzeichen erlaubt",
    # ServicesModel
    "%1 (%2/s)": "%1 (%2/s)",
    "%1 errors, %2 limit hits, %3 heartbeat timeouts": "%1 Fehler, %2-mal Limit erreicht, %3 Heartbeat-Zeitüberschreitungen",
    "Unread data kept for a client (bytes)": "Ungelesene Daten je Client höchstens (Bytes)",
    "Client must read within (ms)": "Client muss lesen innerhalb von (ms)",
    "%1 errors, %2 limit hits (%4 of them clients closed for not reading), %3 heartbeat timeouts": "%1 Fehler, %2-mal Limit erreicht (davon %4 Clients geschlossen, die nicht lesen), %3 Heartbeat-Zeitüberschreitungen",
    "Messages in": "Nachrichten ein",
    "Messages out": "Nachrichten aus",
    "HTTP requests": "HTTP-Anfragen",
    "Errors": "Fehler",
    # TrafficChart
    "messages in / s": "Nachrichten ein / s",
    "messages out / s": "Nachrichten aus / s",
    "last 5 minutes": "letzte 5 Minuten",
    # TrafficModel
    "text": "Text",
    "binary": "binär",
    "ping": "Ping",
    "pong": "Pong",
    "close": "Schließen",
    "HTTP request": "HTTP-Anfrage",
    "HTTP response": "HTTP-Antwort",
    "opened": "geöffnet",
    "closed": "geschlossen",
    "Time": "Zeit",
    "Conn.": "Verb.",
    "Dir.": "Richt.",
    "Type": "Typ",
    "Size": "Größe",
    "Preview": "Vorschau",
}

DE.update({
    # main.cpp (tab list with clients)
    "Open on this tab: overview, connections, presence, traffic, clients, raw or admin.":
        "Mit diesem Reiter öffnen: overview, connections, presence, traffic, clients, raw oder admin.",
    "--tab: expected overview, connections, presence, traffic, clients, raw or admin":
        "--tab: erwartet overview, connections, presence, traffic, clients, raw oder admin",
    # ChannelsClientWidget
    "Your presence: a JSON object every member sees": "Ihre Anwesenheit: ein JSON-Objekt, das jedes Mitglied sieht",
    "Join": "Beitreten",
    "Update presence": "Anwesenheit ändern",
    "Channel": "Kanal",
    "Auto-ACK": "Auto-ACK",
    "Acknowledge every event that asks for it": "Jedes Ereignis bestätigen, das darum bittet",
    "Auto-PONG": "Auto-PONG",
    "Answer the server's PING; turn off to watch it time out (PING_TIMEOUT)":
        "Auf das PING des Servers antworten; ausschalten, um die Zeitüberschreitung (PING_TIMEOUT) zu beobachten",
    "Member": "Mitglied",
    "Events of the channel appear here.": "Die Ereignisse des Kanals erscheinen hier.",
    "The event's payload: any JSON value": "Die Nutzdaten des Ereignisses: ein beliebiger JSON-Wert",
    "All members": "Alle Mitglieder",
    "Random members": "Zufällige Mitglieder",
    "Chosen members": "Gewählte Mitglieder",
    "Chosen members: select them in the member list": "Gewählte Mitglieder: in der Mitgliederliste auswählen",
    "Require ACK": "ACK verlangen",
    "Emit key, if the server has one": "Sendeschlüssel, falls der Server einen hat",
    "Emit": "Senden",
    "Leave": "Verlassen",
    "closed: %1 %2": "geschlossen: %1 %2",
    "The presence must be a JSON object: %1": "Die Anwesenheit muss ein JSON-Objekt sein: %1",
    "not an object": "kein Objekt",
    "The presence must be a JSON object": "Die Anwesenheit muss ein JSON-Objekt sein",
    "The payload is not JSON: %1 (at character %2)": "Die Nutzdaten sind kein JSON: %1 (bei Zeichen %2)",
    "Choose members in the list first": "Erst Mitglieder in der Liste wählen",
    "Emitted; waiting for the ACKs…": "Gesendet; warte auf die ACKs…",
    "Emitting…": "Sende…",
    "Emit failed: %1": "Senden fehlgeschlagen: %1",
    "HTTP %1: %2": "HTTP %1: %2",
    "Not every targeted member acknowledged in time (see pending and left).":
        "Nicht jedes Zielmitglied hat rechtzeitig bestätigt (siehe pending und left).",
    "Latency %1 ms": "Latenz %1 ms",
    "connected as %1 (%n member(s))": ("verbunden als %1 (%n Mitglied)", "verbunden als %1 (%n Mitglieder)"),
    "PING, answered with PONG": "PING, mit PONG beantwortet",
    "PING, not answered (auto-PONG is off)": "PING, nicht beantwortet (Auto-PONG ist aus)",
    "(acknowledged)": "(bestätigt)",
    "(asks for an ACK; auto-ACK is off)": "(bittet um ein ACK; Auto-ACK ist aus)",
    "ERROR %1: %2": "FEHLER %1: %2",
    "The server reported %1: %2": "Der Server meldete %1: %2",
    "%1 (you)": "%1 (Sie)",
    # ClientSocket
    "Reconnecting (attempt %1)…": "Verbinde erneut (Versuch %1)…",
    "Refused by the server (HTTP %1): %2": "Vom Server abgelehnt (HTTP %1): %2",
    "Closed by the server with code %1": "Vom Server mit Code %1 geschlossen",
    "Closed by the server with code %1: %2": "Vom Server mit Code %1 geschlossen: %2",
    "connection lost": "Verbindung verloren",
    "Connecting to %1…": "Verbinde mit %1…",
    "Connection lost (%1); reconnecting in %2 s": "Verbindung verloren (%1); neuer Versuch in %2 s",
    # ClientsWidget
    "This computer": "Dieser Computer",
    "Add server…": "Server hinzufügen…",
    "Connect these clients to another server on your network": "Diese Clients mit einem anderen Server im Netz verbinden",
    "Add server": "Server hinzufügen",
    "e.g. Living room": "z. B. Wohnzimmer",
    "host name or address, e.g. 192.168.1.20": "Rechnername oder Adresse, z. B. 192.168.1.20",
    "TLS (https / wss)": "TLS (https / wss)",
    "Host": "Rechner",
    "Chat and accounts port": "Port für Chat und Konten",
    "Channels port": "Port für Kanäle",
    "Felix port": "Port für Felix",
    "Pop port": "Port für Pop",
    # FelixClientWidget
    "A private API token (Users and tokens → New token…)": "Ein privates API-Token (Benutzer und Token → Neues Token…)",
    "Token": "Token",
    "Send a heartbeat every": "Einen Heartbeat senden alle",
    " s": " s",
    "Heartbeat now": "Heartbeat jetzt",
    "Server status (10001)": "Serverstatus (10001)",
    "No heartbeat answered yet.": "Noch kein Heartbeat beantwortet.",
    "Shard": "Shard",
    "Subscriptions (20002) and updates (10002, 10003)": "Abonnements (20002) und Änderungen (10002, 10003)",
    "guild ids, separated by commas": "Gilden-IDs, durch Kommas getrennt",
    "user ids, separated by commas": "Benutzer-IDs, durch Kommas getrennt",
    "Subscribe": "Abonnieren",
    "Replaces what this connection listens to": "Ersetzt, worauf diese Verbindung hört",
    "Changes to the guilds and users you listen to appear here.":
        "Änderungen an den abonnierten Gilden und Benutzern erscheinen hier.",
    "Refused (HTTP 403): the token is unknown, revoked or not private.":
        "Abgelehnt (HTTP 403): Das Token ist unbekannt, widerrufen oder nicht privat.",
    "listening to guilds [%1] and users [%2]": "höre auf Gilden [%1] und Benutzer [%2]",
    "Answered at %1 · %n guild(s) · memory %2 · up for %3":
        ("Beantwortet um %1 · %n Gilde · Speicher %2 · läuft seit %3",
         "Beantwortet um %1 · %n Gilden · Speicher %2 · läuft seit %3"),
    "deleted": "gelöscht",
    "guild %1: %2": "Gilde %1: %2",
    "user %1: %2": "Benutzer %1: %2",
    # MainWindow
    "Clients": "Clients",
    # PopClientWidget
    "Session": "Sitzung",
    "Log in": "Anmelden",
    "Account": "Konto",
    "Session id (the access token from logging in)": "Sitzungs-ID (das Zugriffstoken der Anmeldung)",
    "Session id": "Sitzungs-ID",
    "Group and typing": "Gruppe und Tippen",
    "Active group id (empty: none)": "Aktive Gruppen-ID (leer: keine)",
    "Typing": "Tippt",
    "Send state": "Zustand senden",
    "Group": "Gruppe",
    "User": "Benutzer",
    "Last change": "Letzte Änderung",
    "View counts": "Aufrufzahlen",
    "The content's UUID": "Die UUID des Inhalts",
    "Report views": "Aufrufe melden",
    "Content": "Inhalt",
    "Logging in…": "Melde an…",
    "Logged in; connecting…": "Angemeldet; verbinde…",
    "Wrong email or password": "Falsche E-Mail oder falsches Passwort",
    "Login failed: %1": "Anmeldung fehlgeschlagen: %1",
    "HTTP %1": "HTTP %1",
    "Log in first, or paste a session id": "Erst anmelden oder eine Sitzungs-ID einfügen",
    "Reported; waiting for the server…": "Gemeldet; warte auf den Server…",
    "Authenticated": "Authentifiziert",
    "Not authenticated: %1": "Nicht authentifiziert: %1",
    "Stored": "Gespeichert",
    "Refused: %1": "Abgelehnt: %1",
    "typing…": "tippt…",
    "State refused: %1": "Zustand abgelehnt: %1",
    # ProfileWidget
    "Felix": "Felix",
    "Pop": "Pop",
})


DE.update({
    # ChatClientWidget
    "Register": "Registrieren",
    "Log in or register to chat.": "Zum Chatten anmelden oder registrieren.",
    "Members: pick one to open your conversation": "Mitglieder: eines wählen, um die Unterhaltung zu öffnen",
    "Load older messages": "Ältere Nachrichten laden",
    "Pick a member to see your conversation.": "Ein Mitglied wählen, um die Unterhaltung zu sehen.",
    "Message (Enter sends)": "Nachricht (Eingabe sendet)",
    "Smile": "Smiley",
    "File…": "Datei…",
    "Send a file": "Eine Datei senden",
    "Save file": "Datei speichern",
    "Registering…": "Registriere…",
    "Registration refused (HTTP %1): %2": "Registrierung abgelehnt (HTTP %1): %2",
    "Registration failed: %1": "Registrierung fehlgeschlagen: %1",
    "Logged in as %1": "Angemeldet als %1",
    "Balance: %1 coins": "Guthaben: %1 Münzen",
    "Balance: %1 coins (%2: messages are free)": "Guthaben: %1 Münzen (%2: Nachrichten sind kostenlos)",
    "Smile %1 · %2 coins": "Smiley %1 · %2 Münzen",
    "Smile %1 · free": "Smiley %1 · kostenlos",
    "This server has no smiles yet.": "Dieser Server hat noch keine Smileys.",
    "Pick a member first: no conversation is open.": "Erst ein Mitglied wählen: Keine Unterhaltung ist offen.",
    "Reading %1…": "Lese %1…",
    "Cannot read %1: %2": "%1 kann nicht gelesen werden: %2",
    "Sending… %p%": "Sende… %p%",
    "Download failed: %1": "Herunterladen fehlgeschlagen: %1",
    "Cannot write %1": "%1 kann nicht geschrieben werden",
    "Not enough coins: %1. Ask the server's operator to top up your balance.":
        "Nicht genug Münzen: %1. Bitten Sie den Betreiber des Servers, Ihr Guthaben aufzuladen.",
    "The server refused the message (%1): %2": "Der Server hat die Nachricht abgelehnt (%1): %2",
    "Message from %1": "Nachricht von %1",
    "(a smile or a file)": "(ein Smiley oder eine Datei)",
    "member %1": "Mitglied %1",
    "[smile %1]": "[Smiley %1]",
    "File: %1": "Datei: %1",
    "a file": "eine Datei",
    "you": "Sie",
    "%1 (%2)": "%1 (%2)",
    # ProfileWidget
    "Chat": "Chat",
})


DE.update({
    # FelixDocsWidget
    "Refresh": "Aktualisieren",
    "Document id, e.g. 1234567890": "Dokument-ID, z. B. 1234567890",
    "New": "Neu",
    "Id": "ID",
    "The document: a JSON object": "Das Dokument: ein JSON-Objekt",
    "Save": "Speichern",
    "Replaces the document; connections listening to this id get it at once":
        "Ersetzt das Dokument; Verbindungen, die auf diese ID hören, erhalten es sofort",
    "Delete": "Löschen",
    "Not JSON yet: %1 (at character %2)": "Noch kein JSON: %1 (bei Zeichen %2)",
    "A document is a JSON object": "Ein Dokument ist ein JSON-Objekt",
    "Valid JSON": "Gültiges JSON",
    "Give the document an id first": "Dem Dokument erst eine ID geben",
    "Not saved: not JSON (%1)": "Nicht gespeichert: kein JSON (%1)",
    "Not saved: a document is a JSON object": "Nicht gespeichert: Ein Dokument ist ein JSON-Objekt",
    "Done; connections listening to it got the change": "Erledigt; Verbindungen, die darauf hören, haben die Änderung erhalten",
    # MainWindow
    "Felix documents": "Felix-Dokumente",
    "Administration": "Verwaltung",
})


DE.update({
    # SmilesWidget
    "Smiles": "Smileys",
    "Price (coins)": "Preis (Münzen)",
    "Add smile…": "Smiley hinzufügen…",
    "A PNG, JPEG, GIF or WebP image, with its price": "Ein PNG-, JPEG-, GIF- oder WebP-Bild mit seinem Preis",
    "Change price…": "Preis ändern…",
    "Remove": "Entfernen",
    "It leaves the grid; messages that used it keep showing it": "Er verschwindet aus der Auswahl; Nachrichten, die ihn nutzen, zeigen ihn weiter",
    "Add a smile": "Einen Smiley hinzufügen",
    "Images (*.png *.jpg *.jpeg *.gif *.webp)": "Bilder (*.png *.jpg *.jpeg *.gif *.webp)",
    "Price in coins (0: free)": "Preis in Münzen (0: kostenlos)",
    "Change price": "Preis ändern",
    "Price of smile %1 in coins": "Preis von Smiley %1 in Münzen",
    "Added %1": "%1 hinzugefügt",
    "Smile %1 now costs %2 coins": "Smiley %1 kostet jetzt %2 Münzen",
    "Removed smile %1": "Smiley %1 entfernt",
})


DE.update({
    # ListenersWidget
    "Port": "Port",
    "TLS": "TLS",
    "any free port": "ein freier Port",
    "TLS (https:// and wss:// only)": "TLS (nur https:// und wss://)",
    "Browse…": "Durchsuchen…",
    "PEM file": "PEM-Datei",
    "PEM files (*.pem *.crt *.key);;All files (*)": "PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)",
    "Certificate": "Zertifikat",
    "PEM certificate file": "PEM-Zertifikatsdatei",
    "Private key": "Privater Schlüssel",
    "PEM key file": "PEM-Schlüsseldatei",
    "Generate a self-signed certificate": "Ein selbstsigniertes Zertifikat erzeugen",
    "Valid for this computer's names and LAN addresses; clients must trust it or check its fingerprint":
        "Gültig für die Namen und LAN-Adressen dieses Computers; Clients müssen ihm vertrauen oder seinen Fingerabdruck prüfen",
    "Apply and restart listener": "Übernehmen und Listener neu starten",
    "–": "–",
    "on": "an",
    "Running at %1": "Läuft unter %1",
    "Applying restarts this listener: the connections open on it are closed (1001) and clients reconnect.":
        "Übernehmen startet diesen Listener neu: Seine offenen Verbindungen werden geschlossen (1001), Clients verbinden sich neu.",
    "This listener is stopped; the settings apply when it starts.": "Dieser Listener ist angehalten; die Einstellungen gelten, sobald er startet.",
    "Generating…": "Erzeuge…",
    "Could not generate: %1": "Konnte nicht erzeugt werden: %1",
    "SHA-256 fingerprint: %1": "SHA-256-Fingerabdruck: %1",
    "TLS needs a certificate and a key (or generate them)": "TLS braucht ein Zertifikat und einen Schlüssel (oder erzeugen Sie sie)",
    "Listening at %1": "Lauscht unter %1",
    "Saved; applies when the listener starts": "Gespeichert; gilt, sobald der Listener startet",
    "Not changed: %1": "Nicht geändert: %1",
    "Listeners and TLS": "Listener und TLS",
})


DE.update({
    # AdminWidget: disable
    "Disable / enable": "Sperren / freigeben",
    "A disabled user cannot log in and their sessions stop working; nothing is deleted":
        "Ein gesperrter Benutzer kann sich nicht anmelden, seine Sitzungen enden; nichts wird gelöscht",
    "disabled": "gesperrt",
    "%1 is disabled: no login, their sessions stop working": "%1 ist gesperrt: keine Anmeldung, Sitzungen enden",
    "%1 is enabled again": "%1 ist wieder freigegeben",
})


DE.update({
    # LimitsWidget
    "Messages per second, per connection": "Nachrichten pro Sekunde, je Verbindung",
    "Largest message (bytes)": "Größte Nachricht (Bytes)",
    "Largest frame (bytes)": "Größter Frame (Bytes)",
    "Connections at most": "Höchstens so viele Verbindungen",
    "Connections per address at most": "Höchstens so viele Verbindungen je Adresse",
    "Time to authenticate (ms)": "Zeit zum Authentifizieren (ms)",
    "Ping every (ms, 0: never)": "Ping alle (ms, 0: nie)",
    "Pong within (ms)": "Pong innerhalb von (ms)",
    "Largest HTTP body (bytes)": "Größter HTTP-Rumpf (Bytes)",
    "Largest HTTP head (bytes)": "Größter HTTP-Kopf (Bytes)",
    "Time to send an HTTP head (ms)": "Zeit zum Senden eines HTTP-Kopfs (ms)",
    "Idle keep-alive (ms)": "Leerlauf bei Keep-alive (ms)",
    "Apply": "Übernehmen",
    "Applies to connections and requests that start from now on; open connections keep the limits they started with.":
        "Gilt für Verbindungen und Anfragen, die ab jetzt beginnen; offene Verbindungen behalten die Limits, mit denen sie begannen.",
    "Server-wide limits changed": "Serverweite Limits geändert",
    "Limits of %1 changed": "Limits von %1 geändert",
    "Limits": "Limits",
})


DE.update({
    "Keep for the next start": "Für den nächsten Start behalten",
    "Writes the settings in force to config.json in the data directory": "Schreibt die geltenden Einstellungen in config.json im Datenverzeichnis",
    "Not saved: %1": "Nicht gespeichert: %1",
    "Saved to %1: the next start uses it (unless --config names another file)":
        "In %1 gespeichert: Der nächste Start verwendet sie (außer --config nennt eine andere Datei)",
})

DE.update({
    "Cluster": "Cluster",
    "Cluster: this is node %1": "Cluster: Dies ist Knoten %1",
    "Nodes: %1 known, %2 up": "Knoten: %1 bekannt, %2 in Betrieb",
    "%1 (this node)": "%1 (dieser Knoten)",
    "%1 (ports %2)": "%1 (Ports %2)",
    "Up": "In Betrieb",
    "Down (lost)": "Ausgefallen (verloren)",
    "up for %1": "seit %1 in Betrieb",
    "last seen %1 ago": "zuletzt vor %1 gesehen",
    "The node stopped beating without saying goodbye (killed, crashed or cut off); its channel members left the others.":
        "Der Knoten meldet sich nicht mehr, ohne sich abgemeldet zu haben (beendet, abgestürzt oder abgeschnitten); seine Kanalmitglieder haben die anderen verlassen.",
    "The node was stopped cleanly.": "Der Knoten wurde ordnungsgemäß angehalten.",
    "Switchboard %1": "Switchboard %1",
    "Node": "Knoten",
    "Address": "Adresse",
    "State": "Zustand",
    "Since": "Seit",
})

# Where one English word needs different German in one place.
DE.update({
    # A listener whose port is taken (issue 22 #3)
    "Use a free port": "Freien Port nehmen",
    "Move the selected listener to a port nothing else uses, and start it":
        "Den gewählten Listener auf einen freien Port legen und starten",
    "%1: %2": "%1: %2",
    "%1 now listens at %2": "%1 lauscht jetzt auf %2",
    "Not listening — %1. The other services run. Select it and press “Use a free port”, or set its port under Administration → Listeners.":
        "Lauscht nicht — %1. Die anderen Dienste laufen. Wählen Sie ihn aus und drücken Sie „Freien Port nehmen“, "
        "oder stellen Sie seinen Port unter Verwaltung → Listener ein.",
    "Cannot move listener": "Listener kann nicht verlegt werden",
})

DE.update({
    # Limits: each in one place (issue 22 #5)
    "Server-wide (HTTP heads, keep-alive, all connections)": "Serverweit (HTTP-Köpfe, Keep-alive, alle Verbindungen)",
    "Set at start: max_connections in config.json, then restart":
        "Wird beim Start gesetzt: max_connections in config.json, dann neu starten",
    "Connections at most, all services (set at start)": "Höchstens Verbindungen, alle Dienste (beim Start gesetzt)",
})

DE.update({
    # What an export wrote (issue 22 #9)
    "%n record(s)": ("%n Datensatz", "%n Datensätze"),
    "%1 and %2 with %3": "%1 und %2 mit %3",
    "%n HTTP exchange(s)": ("%n HTTP-Austausch", "%n HTTP-Austausche"),
    "%n WebSocket connection(s)": ("%n WebSocket-Verbindung", "%n WebSocket-Verbindungen"),
    "%n message(s)": ("%n Nachricht", "%n Nachrichten"),
    "Not exported: %1": "Nicht exportiert: %1",
    "Wrote %1 to %2 — only the %3 filtered rows of %4 captured":
        "%1 nach %2 geschrieben — nur die %3 gefilterten Zeilen von %4 aufgezeichneten",
    "Wrote %1 to %2 — every captured row": "%1 nach %2 geschrieben — alle aufgezeichneten Zeilen",
    "could not write %1: %2": "%1 kann nicht geschrieben werden: %2",
})

DE.update({
    # The exposure switch (issue 22 #8)
    "%n client(s) on other machines are connected. Listening on this computer only disconnects them (code 1001).":
        ("%n Client auf einem anderen Rechner ist verbunden. Nur auf diesem Computer zu lauschen trennt ihn (Code 1001).",
         "%n Clients auf anderen Rechnern sind verbunden. Nur auf diesem Computer zu lauschen trennt sie (Code 1001)."),
    "Listening on this computer only; %n client(s) on other machines disconnected":
        ("Lauscht nur auf diesem Computer; %n Client auf einem anderen Rechner getrennt",
         "Lauscht nur auf diesem Computer; %n Clients auf anderen Rechnern getrennt"),
    "Listening on this computer only": "Lauscht nur auf diesem Computer",
    "Shared on the LAN: other machines can connect now": "Im LAN freigegeben: andere Rechner können sich jetzt verbinden",
})

DE.update({
    # Session memory and the Help menu (issue 22, "Also")
    "Could not listen as last time: %1": "Konnte nicht wie beim letzten Mal lauschen: %1",
    "&Help": "&Hilfe",
    "Open the &web chat page": "&Web-Chat-Seite öffnen",
    "&Keyboard shortcuts": "&Tastenkürzel",
    "Keyboard shortcuts": "Tastenkürzel",
    "&About Switchboard": "Ü&ber Switchboard",
    "About Switchboard": "Über Switchboard",
    "<h3>Switchboard %1</h3><p>Hosts real-time services on your LAN and shows every connection, presence change, heartbeat and frame live.</p><p>Built with Qt %2 (running on Qt %3).</p><p>Licence: proprietary, all rights reserved.</p>":
        "<h3>Switchboard %1</h3><p>Stellt Echtzeitdienste in Ihrem LAN bereit und zeigt jede Verbindung, jede Präsenzänderung, "
        "jeden Heartbeat und jeden Frame live.</p><p>Gebaut mit Qt %2 (läuft mit Qt %3).</p>"
        "<p>Lizenz: proprietär, alle Rechte vorbehalten.</p>",
    "No web browser opened %1": "Kein Webbrowser hat %1 geöffnet",
    "The chat service is not listening: start its listener on the Overview.":
        "Der Chat-Dienst lauscht nicht: Starten Sie seinen Listener in der Übersicht.",
})

DE.update({
    "This is the start of the conversation": "Hier beginnt die Unterhaltung",
})

DE.update({
    # The channels client in words (issue 22, client polish)
    "%1 of %2 acknowledged; %3 did not in time.": "%1 von %2 bestätigt; %3 nicht rechtzeitig.",
    "%1 left the channel.": "%1 hat den Kanal verlassen.",
    "Delivered to %n member(s)": ("An %n Mitglied zugestellt", "An %n Mitglieder zugestellt"),
    "; every one acknowledged": "; alle haben bestätigt",
    "; not in the channel: %1": "; nicht im Kanal: %1",
    "Client id %1": "Client-ID %1",
})

DE.update({
    "Subprotocols to offer, comma-separated (optional)": "Anzubietende Subprotokolle, durch Kommas getrennt (optional)",
    "Subprotocols": "Subprotokolle",
    "Connected to %1 (subprotocol %2)": "Verbunden mit %1 (Subprotokoll %2)",
})

DE.update({
    # Inspector: follow, rows kept, import (issue 22, inspector)
    "Resume": "Fortsetzen",
    "Import…": "Importieren…",
    "Look at a capture saved with Export… (live capture pauses)":
        "Eine mit Exportieren… gespeicherte Aufzeichnung ansehen (die Live-Aufzeichnung pausiert)",
    "Import a capture": "Aufzeichnung importieren",
    "JSON Lines (*.jsonl);;All files (*)": "JSON Lines (*.jsonl);;Alle Dateien (*)",
    "Follow": "Folgen",
    "Keep the newest record in view": "Den neuesten Datensatz im Blick behalten",
    "keep ": "behalte ",
    " rows": " Zeilen",
    "How many records the inspector keeps; the oldest go first":
        "Wie viele Datensätze der Inspektor behält; die ältesten gehen zuerst",
    "Not imported: %1": "Nicht importiert: %1",
    "Showing %n record(s) from %1. Clear, then Resume, to watch live again.":
        ("Zeigt %n Datensatz aus %1. Leeren, dann Fortsetzen, um wieder live zuzusehen.",
         "Zeigt %n Datensätze aus %1. Leeren, dann Fortsetzen, um wieder live zuzusehen."),
    "cannot read %1: %2": "%1 kann nicht gelesen werden: %2",
    "%1, line %2: not a record of a Switchboard capture": "%1, Zeile %2: kein Datensatz einer Switchboard-Aufzeichnung",
})

DE.update({
    "Raw": "Roh",
    "Show the payload exactly as it came (binary as hex)": "Die Nutzdaten genau so zeigen, wie sie kamen (Binäres als Hex)",
})

DE.update({
    "Show the LAN address as a &QR code": "LAN-Adresse als &QR-Code zeigen",
    "No LAN address to show: the chat service is not listening, or only on this computer (Share on the LAN first).":
        "Keine LAN-Adresse zu zeigen: Der Chat-Dienst lauscht nicht oder nur auf diesem Computer (zuerst im LAN freigeben).",
    "Scan to open the web chat": "Scannen, um den Web-Chat zu öffnen",
    "This address is too long for a QR code.": "Diese Adresse ist zu lang für einen QR-Code.",
})

DE.update({
    "Light or dark: system (follow the desktop), light or dark (the default is the choice saved in Settings).":
        "Hell oder dunkel: system (wie der Desktop), light (hell) oder dark (dunkel); ohne Angabe gilt die Wahl aus den Einstellungen.",
    "Open the window at this size, e.g. 1024x640 (for screenshots).": "Das Fenster in dieser Größe öffnen, z. B. 1024x640 (für Bildschirmfotos).",
    "--window-size: expected WIDTHxHEIGHT, e.g. 1024x640": "--window-size: erwartet BREITExHÖHE, z. B. 1024x640",
    "--appearance: expected system, light or dark": "--appearance: erwartet system, light oder dark",
    "No members yet. Register one in the Clients tab (Chat), or press New user…":
        "Noch keine Mitglieder. Registrieren Sie eines im Tab Clients (Chat) oder drücken Sie Neuer Benutzer…",
    "No API tokens yet. Bots of the felix service need one: press New token…":
        "Noch keine API-Tokens. Bots des Felix-Dienstes brauchen eines: drücken Sie Neues Token…",
    "No administrative changes yet.": "Noch keine Änderungen an der Verwaltung.",
    "No connections yet. Open one from the Clients tab, or give someone an address from the Overview's cards.":
        "Noch keine Verbindungen. Öffnen Sie eine im Tab Clients oder geben Sie jemandem eine Adresse von den Karten der Übersicht.",
    "No documents yet. Bots create them with a felix update, or press New.":
        "Noch keine Dokumente. Bots legen sie mit einem Felix-Update an, oder drücken Sie Neu.",
    "Nothing captured yet. Tick “Capture traffic”, then use a client: every frame, ping and HTTP exchange shows here.":
        "Noch nichts mitgeschnitten. Kreuzen Sie „Verkehr mitschneiden“ an und benutzen Sie einen Client: jeder Frame, jeder Ping und jeder HTTP-Austausch erscheint hier.",
    "&Appearance": "&Erscheinungsbild",
    "Follow the desktop": "Wie der Desktop",
    "Light": "Hell",
    "Dark": "Dunkel",
    "Totals": "Summen",
    "Not listening — %1. The other services run. Press “Use a free port” on its card, or set its port under Administration → Listeners.":
        "Lauscht nicht — %1. Die anderen Dienste laufen. Drücken Sie „Freien Port nehmen“ auf seiner Karte oder stellen Sie den Port unter Verwaltung → Listener ein.",
    "Nobody is present yet. Channel members, felix subscriptions and pop groups show here as clients join them.":
        "Noch niemand anwesend. Kanalmitglieder, Felix-Abonnements und Pop-Gruppen erscheinen hier, sobald Clients beitreten.",
    "Member chat: accounts, files and coins": "Mitglieder-Chat: Konten, Dateien und Münzen",
    "Strict RFC 6455 service: echo and rooms": "Strikter RFC-6455-Dienst: Echo und Räume",
    "Pub/sub channels with presence and acknowledgements": "Pub/Sub-Kanäle mit Anwesenheit und Bestätigungen",
    "Bot status with database-update subscriptions": "Bot-Status mit Abonnements auf Datenbank-Updates",
    "Social app: state echo and view counts": "Social-App: Zustandsecho und Aufrufzähler",
    "Copy this address": "Diese Adresse kopieren",
    "Messages/s": "Nachrichten/s",
    "WebSocket connections open now": "Jetzt offene WebSocket-Verbindungen",
    "Messages per second, in and out, over the last second; the line above is the last minute":
        "Nachrichten pro Sekunde, ein und aus, in der letzten Sekunde; die Linie darüber ist die letzte Minute",
    "No listener": "Kein Listener",
    "Not served by this node": "Von diesem Knoten nicht angeboten",
    "Running · TLS": "Läuft · TLS",
    "Failed": "Fehlgeschlagen",
    "Not accepting connections": "Nimmt keine Verbindungen an",
    "Move this listener to a port nothing else uses, and start it": "Diesen Listener auf einen freien Port legen und starten",
    "Start accepting connections": "Verbindungen annehmen",
    "%1 in · %2 out": "%1 ein · %2 aus",
    '<span style="color:%1">&#9632;</span> %2 in &nbsp;<span style="color:%3">&#9632;</span> %4 out':
        '<span style="color:%1">&#9632;</span> %2 ein &nbsp;<span style="color:%3">&#9632;</span> %4 aus',
    "%1 errors · %2 limit hits": "%1 Fehler · %2 Limit-Treffer",
    " · %1 clamped · %2 refused": " · %1 gekappt · %2 abgelehnt",
    "%1 errors, %2 limit hits (%3 of them clients closed for not reading), %4 heartbeat timeouts":
        "%1 Fehler, %2 Limit-Treffer (davon %3 Clients geschlossen, weil sie nicht lasen), %4 Heartbeat-Zeitüberschreitungen",
    "Heartbeat off": "Heartbeat aus",
    "Pings every %1 s · no answer yet": "Ping alle %1 s · noch keine Antwort",
    "Round trip %1 ms · 95%: %2 ms": "Umlaufzeit %1 ms · 95 %: %2 ms",
    " · %n timed out": (" · %n Zeitüberschreitung", " · %n Zeitüberschreitungen"),
    "Pings every %1 s; %2 connection(s) measured; %3 heartbeat timeouts so far":
        "Ping alle %1 s; %2 Verbindung(en) gemessen; bisher %3 Heartbeat-Zeitüberschreitungen",
    "No smiles yet. Press Add smile… to sell an image in chat.": "Noch keine Smileys. Drücken Sie Smiley hinzufügen…, um ein Bild im Chat zu verkaufen.",
    "No messages in this range yet. Connect a client from the Clients tab, or give someone a service's address from its card.":
        "In diesem Zeitraum noch keine Nachrichten. Verbinden Sie einen Client im Tab Clients oder geben Sie jemandem die Adresse eines Dienstes von seiner Karte.",
    "Which service the chart shows": "Welchen Dienst das Diagramm zeigt",
    "Messages per second:": "Nachrichten pro Sekunde:",
    "5 min": "5 min",
    "1 h": "1 h",
    "24 h": "24 h",
    "Show the last %1": "Die letzten %1 zeigen",
})

DE.update({
    "Logged out of %1": "Von %1 abgemeldet",
    "Log out": "Abmelden",
    "End this session on the server": "Diese Sitzung auf dem Server beenden",
    "Stored, clamped to %1": "Gespeichert, gekappt auf %1",
    "Stored, but nothing counted: this user's total for it is at its cap":
        "Gespeichert, aber nichts gezählt: die Summe dieses Benutzers für diesen Inhalt hat ihre Obergrenze erreicht",
    "Another connection (Ctrl+T)": "Weitere Verbindung (Strg+T)",
    "New connection": "Neue Verbindung",
    "%1 · connected": "%1 · verbunden",
    "%1 · connecting": "%1 · verbindet",
    "handshake": "Handshake",
})

DE.update({
    # Unread chat messages.
    "New message from %1": "Neue Nachricht von %1",
    "%n unread message(s)": ("%n ungelesene Nachricht", "%n ungelesene Nachrichten"),
    "%1+": "%1+",
    "Chat (%1)": "Chat (%1)",
})

BY_CONTEXT = {
    ("sb::ui::RawClientWidget", "Disconnect"): "Trennen",
    ("sb::ui::RawClientWidget", "Close"): "Schließen",
    ("sb::ui::MainWindow", "Stop"): "Anhalten",
}

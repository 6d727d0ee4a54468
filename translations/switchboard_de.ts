<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Host real-time WebSocket services on your LAN and watch them live.</source>
        <translation>Echtzeit-WebSocket-Dienste im lokalen Netz bereitstellen und live beobachten.</translation>
    </message>
    <message>
        <source>Save a PNG of the main window after --screenshot-delay ms, then quit.</source>
        <translation>Nach --screenshot-delay ms ein PNG des Hauptfensters speichern und beenden.</translation>
    </message>
    <message>
        <source>Delay before the screenshot (default 1500 ms).</source>
        <translation>Wartezeit vor dem Bildschirmfoto (Standard 1500 ms).</translation>
    </message>
    <message>
        <source>Start with traffic capture on.</source>
        <translation>Mit eingeschaltetem Mitschnitt starten.</translation>
    </message>
    <message>
        <source>Print 'listening &lt;services&gt; &lt;url&gt;' for each listener once the server runs.</source>
        <translation>Für jeden Listener „listening &lt;Dienste&gt; &lt;URL&gt;“ ausgeben, sobald der Server läuft.</translation>
    </message>
    <message>
        <source>Quit after this many ms.</source>
        <translation>Nach so vielen ms beenden.</translation>
    </message>
    <message>
        <source>At exit, write how long the window's event loop stalled (JSON) to FILE.</source>
        <translation>Beim Beenden in DATEI schreiben, wie lange die Ereignisschleife des Fensters hing (JSON).</translation>
    </message>
    <message>
        <source>Switchboard cannot start</source>
        <translation>Switchboard kann nicht starten</translation>
    </message>
    <message>
        <source>The server could not start:

%1</source>
        <translation>Der Server konnte nicht starten:

%1</translation>
    </message>
    <message>
        <source>Interface language: de, en, or system (the default is the choice saved in Settings, else the system's).</source>
        <translation>Sprache der Oberfläche: de, en oder system (Standard: die in den Einstellungen gespeicherte Wahl, sonst die des Systems).</translation>
    </message>
    <message>
        <source>Open on this tab: overview, connections, presence, traffic, clients, raw or admin.</source>
        <translation>Mit diesem Reiter öffnen: overview, connections, presence, traffic, clients, raw oder admin.</translation>
    </message>
    <message>
        <source>--tab: expected overview, connections, presence, traffic, clients, raw or admin</source>
        <translation>--tab: erwartet overview, connections, presence, traffic, clients, raw oder admin</translation>
    </message>
    <message>
        <source>Open straight onto a remote node's admin endpoint, e.g. ws://192.168.1.20:8070 (credentials: the URL's user:password, or an admin token in SWITCHBOARD_ADMIN_TOKEN; else the connect dialog asks).</source>
        <translation>Direkt einen entfernten Knoten über seinen Admin-Endpunkt öffnen, z. B. ws://192.168.1.20:8070 (Anmeldung: Benutzer:Passwort der URL oder ein Admin-Token in SWITCHBOARD_ADMIN_TOKEN; sonst fragt der Verbindungsdialog).</translation>
    </message>
    <message>
        <source>--connect: expected ws://HOST:PORT or wss://HOST:PORT</source>
        <translation>--connect: erwartet ws://HOST:PORT oder wss://HOST:PORT</translation>
    </message>
    <message>
        <source>the request was not a valid WebSocket handshake for this path</source>
        <translation>die Anfrage war kein gültiger WebSocket-Handshake für diesen Pfad</translation>
    </message>
    <message>
        <source>credentials are missing or wrong</source>
        <translation>Anmeldedaten fehlen oder sind falsch</translation>
    </message>
    <message>
        <source>not allowed (a token or header is missing or refused)</source>
        <translation>nicht erlaubt (ein Token oder Header fehlt oder wurde abgelehnt)</translation>
    </message>
    <message>
        <source>there is no WebSocket at this path</source>
        <translation>unter diesem Pfad gibt es keinen WebSocket</translation>
    </message>
    <message>
        <source>the server wants another WebSocket version</source>
        <translation>der Server verlangt eine andere WebSocket-Version</translation>
    </message>
    <message>
        <source>too many connections or attempts from this address; try again later</source>
        <translation>zu viele Verbindungen oder Versuche von dieser Adresse; später erneut versuchen</translation>
    </message>
    <message>
        <source>the server is full or busy; try again later</source>
        <translation>der Server ist voll oder beschäftigt; später erneut versuchen</translation>
    </message>
    <message>
        <source>the server refused the WebSocket handshake: HTTP %1</source>
        <translation>der Server hat den WebSocket-Handshake abgelehnt: HTTP %1</translation>
    </message>
    <message>
        <source>the server refused the WebSocket handshake: HTTP %1, %2</source>
        <translation>der Server hat den WebSocket-Handshake abgelehnt: HTTP %1, %2</translation>
    </message>
    <message>
        <source>nothing is listening on %1 (connection refused)</source>
        <translation>auf %1 lauscht nichts (Verbindung abgelehnt)</translation>
    </message>
    <message>
        <source>the host %1 was not found</source>
        <translation>der Host %1 wurde nicht gefunden</translation>
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation>%1 hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation>%1 hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>the network is unreachable</source>
        <translation>das Netz ist nicht erreichbar</translation>
    </message>
    <message>
        <source>the TLS handshake with %1 failed</source>
        <translation>der TLS-Handshake mit %1 ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation>die Verbindung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Light or dark: system (follow the desktop), light or dark (the default is the choice saved in Settings).</source>
        <translation>Hell oder dunkel: system (wie der Desktop), light (hell) oder dark (dunkel); ohne Angabe gilt die Wahl aus den Einstellungen.</translation>
    </message>
    <message>
        <source>Open the window at this size, e.g. 1024x640 (for screenshots).</source>
        <translation>Das Fenster in dieser Größe öffnen, z. B. 1024x640 (für Bildschirmfotos).</translation>
    </message>
    <message>
        <source>--window-size: expected WIDTHxHEIGHT, e.g. 1024x640</source>
        <translation>--window-size: erwartet BREITExHÖHE, z. B. 1024x640</translation>
    </message>
    <message>
        <source>--appearance: expected system, light or dark</source>
        <translation>--appearance: erwartet system, light oder dark</translation>
    </message>
</context>
<context>
    <name>sb::Presence</name>
    <message>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation><numerusform>%n Kanal</numerusform><numerusform>%n Kanäle</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s), %1 recent events kept</source>
        <translation><numerusform>%n Mitglied, %1 neuere Ereignisse aufbewahrt</numerusform><numerusform>%n Mitglieder, %1 neuere Ereignisse aufbewahrt</numerusform></translation>
    </message>
    <message>
        <source>Chat conversations (by chat id)</source>
        <translation>Chat-Unterhaltungen (nach Chat-ID)</translation>
    </message>
    <message numerus="yes">
        <source>%n active</source>
        <translation><numerusform>%n aktiv</numerusform><numerusform>%n aktiv</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n open socket(s)</source>
        <translation><numerusform>%n offener Socket</numerusform><numerusform>%n offene Sockets</numerusform></translation>
    </message>
    <message>
        <source>Felix subscriptions</source>
        <translation>Felix-Abonnements</translation>
    </message>
    <message>
        <source>Guilds</source>
        <translation>Gilden</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message numerus="yes">
        <source>%n id(s) listened to</source>
        <translation><numerusform>%n abonnierte ID</numerusform><numerusform>%n abonnierte IDs</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation><numerusform>%n Verbindung</numerusform><numerusform>%n Verbindungen</numerusform></translation>
    </message>
    <message>
        <source>Generic rooms</source>
        <translation>Generic-Räume</translation>
    </message>
    <message>
        <source>(lobby)</source>
        <translation>(Lobby)</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation><numerusform>%n Mitglied</numerusform><numerusform>%n Mitglieder</numerusform></translation>
    </message>
    <message>
        <source>Pop groups</source>
        <translation>Pop-Gruppen</translation>
    </message>
    <message>
        <source>%1 (on %2)</source>
        <translation>%1 (auf %2)</translation>
    </message>
</context>
<context>
    <name>sb::ui</name>
    <message>
        <source>connection %1 · %2 · %3 · %4 · since %5 · in %6 msgs / %7 B · out %8 msgs / %9 B</source>
        <translation>Verbindung %1 · %2 · %3 · %4 · seit %5 · ein %6 Nachr. / %7 B · aus %8 Nachr. / %9 B</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation><numerusform>%n s</numerusform><numerusform>%n s</numerusform></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>%1 %2, %3 — connection %4, %5

</source>
        <translation>%1 %2, %3 — Verbindung %4, %5

</translation>
    </message>
    <message>
        <source>in</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>out</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>(showing the first %1)

</source>
        <translation>(die ersten %1 werden gezeigt)

</translation>
    </message>
    <message>
        <source>Chat file frame

%1

%2 of file data, the first %3:

</source>
        <translation>Chat-Dateiframe

%1

%2 Dateidaten, die ersten %3:

</translation>
    </message>
</context>
<context>
    <name>sb::ui::AddServerDialog</name>
    <message>
        <source>Add server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <source>e.g. Living room</source>
        <translation>z. B. Wohnzimmer</translation>
    </message>
    <message>
        <source>host name or address, e.g. 192.168.1.20</source>
        <translation>Rechnername oder Adresse, z. B. 192.168.1.20</translation>
    </message>
    <message>
        <source>TLS (https / wss)</source>
        <translation>TLS (https / wss)</translation>
    </message>
    <message>
        <source>On your network</source>
        <translation>In Ihrem Netz</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>Chat and accounts port</source>
        <translation>Port für Chat und Konten</translation>
    </message>
    <message>
        <source>Channels port</source>
        <translation>Port für Kanäle</translation>
    </message>
    <message>
        <source>Felix port</source>
        <translation>Port für Felix</translation>
    </message>
    <message>
        <source>Pop port</source>
        <translation>Port für Pop</translation>
    </message>
    <message>
        <source>None found: type the address below</source>
        <translation>Keiner gefunden: Adresse unten eingeben</translation>
    </message>
    <message>
        <source>Pick a node found on the LAN…</source>
        <translation>Einen im LAN gefundenen Knoten wählen…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>sb::ui::AdminWidget</name>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Coins</source>
        <translation>Münzen</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>New user…</source>
        <translation>Neuer Benutzer…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Rolle ändern…</translation>
    </message>
    <message>
        <source>Add coins…</source>
        <translation>Münzen gutschreiben…</translation>
    </message>
    <message>
        <source>API tokens (felix)</source>
        <translation>API-Token (felix)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Geltung</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>New token…</source>
        <translation>Neues Token…</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Rolle ändern</translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation>Rolle von %1</translation>
    </message>
    <message>
        <source>Add coins</source>
        <translation>Münzen gutschreiben</translation>
    </message>
    <message>
        <source>Coins for %1</source>
        <translation>Münzen für %1</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Created %1 (%2) with %3 coins</source>
        <translation>%1 (%2) mit %3 Münzen angelegt</translation>
    </message>
    <message>
        <source>Could not create %1: %2</source>
        <translation>%1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>%1 is now %2</source>
        <translation>%1 ist jetzt %2</translation>
    </message>
    <message>
        <source>Could not change %1: %2</source>
        <translation>%1 konnte nicht geändert werden: %2</translation>
    </message>
    <message>
        <source>%1 now has %2 coins</source>
        <translation>%1 hat jetzt %2 Münzen</translation>
    </message>
    <message>
        <source>Could not add coins: %1</source>
        <translation>Münzen konnten nicht gutgeschrieben werden: %1</translation>
    </message>
    <message>
        <source>Could not create token %1: %2</source>
        <translation>Token %1 konnte nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>Created %1 token %2 (shown once)</source>
        <translation>%1-Token %2 erstellt (wird nur einmal gezeigt)</translation>
    </message>
    <message>
        <source>Revoked %1: it no longer opens anything</source>
        <translation>%1 widerrufen: es öffnet nichts mehr</translation>
    </message>
    <message>
        <source>Could not revoke %1: %2</source>
        <translation>%1 konnte nicht widerrufen werden: %2</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Neuer Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>New API token</source>
        <translation>Neues API-Token</translation>
    </message>
    <message>
        <source>Token %1</source>
        <translation>Token %1</translation>
    </message>
    <message>
        <source>Copy the token now: it is shown only once and stored only as a hash.</source>
        <translation>Kopieren Sie das Token jetzt: Es wird nur einmal gezeigt und nur als Hash gespeichert.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>Sperren / freigeben</translation>
    </message>
    <message>
        <source>A disabled user cannot log in and their sessions stop working; nothing is deleted</source>
        <translation>Ein gesperrter Benutzer kann sich nicht anmelden, seine Sitzungen enden; nichts wird gelöscht</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>%1 is disabled: no login, their sessions stop working</source>
        <translation>%1 ist gesperrt: keine Anmeldung, Sitzungen enden</translation>
    </message>
    <message>
        <source>%1 is enabled again</source>
        <translation>%1 ist wieder freigegeben</translation>
    </message>
    <message>
        <source>private — a felix bot (socket and REST)</source>
        <translation>private – ein Felix-Bot (Socket und REST)</translation>
    </message>
    <message>
        <source>public — names a bot; felix refuses it</source>
        <translation>public – benennt einen Bot; Felix lehnt ihn ab</translation>
    </message>
    <message>
        <source>admin — the admin endpoint (watch and administer this server remotely)</source>
        <translation>admin – der Admin-Endpunkt (diesen Server entfernt beobachten und verwalten)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read the users and tokens again (they are also read each time this page is shown)</source>
        <translation>Benutzer und Tokens neu lesen (das geschieht auch jedes Mal, wenn diese Seite erscheint)</translation>
    </message>
    <message>
        <source>No members yet. Register one in the Clients tab (Chat), or press New user…</source>
        <translation>Noch keine Mitglieder. Registrieren Sie eines im Tab Clients (Chat) oder drücken Sie Neuer Benutzer…</translation>
    </message>
    <message>
        <source>No API tokens yet. Bots of the felix service need one: press New token…</source>
        <translation>Noch keine API-Tokens. Bots des Felix-Dienstes brauchen eines: drücken Sie Neues Token…</translation>
    </message>
</context>
<context>
    <name>sb::ui::AuditWidget</name>
    <message>
        <source>Every administrative change to this server — from this window or from a desktop app attached remotely — with who made it and from where. Kept in the server's database.</source>
        <translation>Jede administrative Änderung an diesem Server – aus diesem Fenster oder aus einer entfernt verbundenen Desktop-App – mit Urheber und Herkunft. Gespeichert in der Datenbank des Servers.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>No changes recorded yet.</source>
        <translation>Noch keine Änderungen aufgezeichnet.</translation>
    </message>
    <message numerus="yes">
        <source>The latest %n change(s), newest first.</source>
        <translation><numerusform>Die letzte %n Änderung.</numerusform><numerusform>Die letzten %n Änderungen, neueste zuerst.</numerusform></translation>
    </message>
    <message>
        <source>No administrative changes yet.</source>
        <translation>Noch keine Änderungen an der Verwaltung.</translation>
    </message>
</context>
<context>
    <name>sb::ui::ChannelsClient</name>
    <message>
        <source>closed: %1 %2</source>
        <translation>geschlossen: %1 %2</translation>
    </message>
    <message>
        <source>The payload is not JSON: %1 (at character %2)</source>
        <translation>Die Nutzdaten sind kein JSON: %1 (bei Zeichen %2)</translation>
    </message>
    <message>
        <source>Choose members in the list first</source>
        <translation>Erst Mitglieder in der Liste wählen</translation>
    </message>
    <message numerus="yes">
        <source>connected as %1 (%n member(s))</source>
        <translation><numerusform>verbunden als %1 (%n Mitglied)</numerusform><numerusform>verbunden als %1 (%n Mitglieder)</numerusform></translation>
    </message>
    <message>
        <source>PING, answered with PONG</source>
        <translation>PING, mit PONG beantwortet</translation>
    </message>
    <message>
        <source>PING, not answered (auto-PONG is off)</source>
        <translation>PING, nicht beantwortet (Auto-PONG ist aus)</translation>
    </message>
    <message>
        <source>(acknowledged)</source>
        <translation>(bestätigt)</translation>
    </message>
    <message>
        <source>(asks for an ACK; auto-ACK is off)</source>
        <translation>(bittet um ein ACK; Auto-ACK ist aus)</translation>
    </message>
    <message>
        <source>ERROR %1: %2</source>
        <translation>FEHLER %1: %2</translation>
    </message>
</context>
<context>
    <name>sb::ui::ChannelsClientWidget</name>
    <message>
        <source>Your presence: a JSON object every member sees</source>
        <translation>Ihre Anwesenheit: ein JSON-Objekt, das jedes Mitglied sieht</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <source>Update presence</source>
        <translation>Anwesenheit ändern</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Anwesenheit</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Auto-ACK</source>
        <translation>Auto-ACK</translation>
    </message>
    <message>
        <source>Acknowledge every event that asks for it</source>
        <translation>Jedes Ereignis bestätigen, das darum bittet</translation>
    </message>
    <message>
        <source>Auto-PONG</source>
        <translation>Auto-PONG</translation>
    </message>
    <message>
        <source>Answer the server's PING; turn off to watch it time out (PING_TIMEOUT)</source>
        <translation>Auf das PING des Servers antworten; ausschalten, um die Zeitüberschreitung (PING_TIMEOUT) zu beobachten</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Events of the channel appear here.</source>
        <translation>Die Ereignisse des Kanals erscheinen hier.</translation>
    </message>
    <message>
        <source>The event's payload: any JSON value</source>
        <translation>Die Nutzdaten des Ereignisses: ein beliebiger JSON-Wert</translation>
    </message>
    <message>
        <source>All members</source>
        <translation>Alle Mitglieder</translation>
    </message>
    <message>
        <source>Random members</source>
        <translation>Zufällige Mitglieder</translation>
    </message>
    <message>
        <source>Chosen members</source>
        <translation>Gewählte Mitglieder</translation>
    </message>
    <message>
        <source>Chosen members: select them in the member list</source>
        <translation>Gewählte Mitglieder: in der Mitgliederliste auswählen</translation>
    </message>
    <message>
        <source>Require ACK</source>
        <translation>ACK verlangen</translation>
    </message>
    <message>
        <source>Emit key, if the server has one</source>
        <translation>Sendeschlüssel, falls der Server einen hat</translation>
    </message>
    <message>
        <source>Emit</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Verlassen</translation>
    </message>
    <message>
        <source>The presence must be a JSON object: %1</source>
        <translation>Die Anwesenheit muss ein JSON-Objekt sein: %1</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <source>The presence must be a JSON object</source>
        <translation>Die Anwesenheit muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>Emitted; waiting for the ACKs…</source>
        <translation>Gesendet; warte auf die ACKs…</translation>
    </message>
    <message>
        <source>Emitting…</source>
        <translation>Sende…</translation>
    </message>
    <message>
        <source>Emit failed: %1</source>
        <translation>Senden fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <source>Latency %1 ms</source>
        <translation>Latenz %1 ms</translation>
    </message>
    <message>
        <source>The server reported %1: %2</source>
        <translation>Der Server meldete %1: %2</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <source>%1 of %2 acknowledged; %3 did not in time.</source>
        <translation>%1 von %2 bestätigt; %3 nicht rechtzeitig.</translation>
    </message>
    <message>
        <source>%1 left the channel.</source>
        <translation>%1 hat den Kanal verlassen.</translation>
    </message>
    <message numerus="yes">
        <source>Delivered to %n member(s)</source>
        <translation><numerusform>An %n Mitglied zugestellt</numerusform><numerusform>An %n Mitglieder zugestellt</numerusform></translation>
    </message>
    <message>
        <source>; every one acknowledged</source>
        <translation>; alle haben bestätigt</translation>
    </message>
    <message>
        <source>; not in the channel: %1</source>
        <translation>; nicht im Kanal: %1</translation>
    </message>
    <message>
        <source>Client id %1</source>
        <translation>Client-ID %1</translation>
    </message>
</context>
<context>
    <name>sb::ui::ChatClient</name>
    <message>
        <source>Sending… %p%</source>
        <translation>Sende… %p%</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>Registriere…</translation>
    </message>
    <message>
        <source>Registration refused (HTTP %1): %2</source>
        <translation>Registrierung abgelehnt (HTTP %1): %2</translation>
    </message>
    <message>
        <source>Registration failed: %1</source>
        <translation>Registrierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Melde an…</translation>
    </message>
    <message>
        <source>Wrong email or password</source>
        <translation>Falsche E-Mail oder falsches Passwort</translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>Logged in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>member %1</source>
        <translation>Mitglied %1</translation>
    </message>
    <message>
        <source>Pick a member first: no conversation is open.</source>
        <translation>Erst ein Mitglied wählen: Keine Unterhaltung ist offen.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>eine Datei</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>Herunterladen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Not enough coins: %1. Ask the server's operator to top up your balance.</source>
        <translation>Nicht genug Münzen: %1. Bitten Sie den Betreiber des Servers, Ihr Guthaben aufzuladen.</translation>
    </message>
    <message>
        <source>The server refused the message (%1): %2</source>
        <translation>Der Server hat die Nachricht abgelehnt (%1): %2</translation>
    </message>
    <message>
        <source>Logged out of %1</source>
        <translation>Von %1 abgemeldet</translation>
    </message>
</context>
<context>
    <name>sb::ui::ChatClientWidget</name>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Log in or register to chat.</source>
        <translation>Zum Chatten anmelden oder registrieren.</translation>
    </message>
    <message>
        <source>Members: pick one to open your conversation</source>
        <translation>Mitglieder: eines wählen, um die Unterhaltung zu öffnen</translation>
    </message>
    <message>
        <source>Load older messages</source>
        <translation>Ältere Nachrichten laden</translation>
    </message>
    <message>
        <source>Pick a member to see your conversation.</source>
        <translation>Ein Mitglied wählen, um die Unterhaltung zu sehen.</translation>
    </message>
    <message>
        <source>Message (Enter sends)</source>
        <translation>Nachricht (Eingabe sendet)</translation>
    </message>
    <message>
        <source>Smile</source>
        <translation>Smiley</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>Eine Datei senden</translation>
    </message>
    <message>
        <source>Save file</source>
        <translation>Datei speichern</translation>
    </message>
    <message>
        <source>Balance: %1 coins</source>
        <translation>Guthaben: %1 Münzen</translation>
    </message>
    <message>
        <source>Balance: %1 coins (%2: messages are free)</source>
        <translation>Guthaben: %1 Münzen (%2: Nachrichten sind kostenlos)</translation>
    </message>
    <message>
        <source>Smile %1 · %2 coins</source>
        <translation>Smiley %1 · %2 Münzen</translation>
    </message>
    <message>
        <source>Smile %1 · free</source>
        <translation>Smiley %1 · kostenlos</translation>
    </message>
    <message>
        <source>This server has no smiles yet.</source>
        <translation>Dieser Server hat noch keine Smileys.</translation>
    </message>
    <message>
        <source>Message from %1</source>
        <translation>Nachricht von %1</translation>
    </message>
    <message>
        <source>(a smile or a file)</source>
        <translation>(ein Smiley oder eine Datei)</translation>
    </message>
    <message>
        <source>[smile %1]</source>
        <translation>[Smiley %1]</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>eine Datei</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>This is the start of the conversation</source>
        <translation>Hier beginnt die Unterhaltung</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>End this session on the server</source>
        <translation>Diese Sitzung auf dem Server beenden</translation>
    </message>
    <message>
        <source>New message from %1</source>
        <translation>Neue Nachricht von %1</translation>
    </message>
    <message numerus="yes">
        <source>%n unread message(s)</source>
        <translation><numerusform>%n ungelesene Nachricht</numerusform><numerusform>%n ungelesene Nachrichten</numerusform></translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>sb::ui::ClientSocket</name>
    <message>
        <source>Reconnecting (attempt %1)…</source>
        <translation>Verbinde erneut (Versuch %1)…</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Closed by the server with code %1</source>
        <translation>Vom Server mit Code %1 geschlossen</translation>
    </message>
    <message>
        <source>Closed by the server with code %1: %2</source>
        <translation>Vom Server mit Code %1 geschlossen: %2</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>Verbindung verloren</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Connection lost (%1); reconnecting in %2 s</source>
        <translation>Verbindung verloren (%1); neuer Versuch in %2 s</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>sb::ui::ClientsWidget</name>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Add server…</source>
        <translation>Server hinzufügen…</translation>
    </message>
    <message>
        <source>Connect these clients to another server on your network</source>
        <translation>Diese Clients mit einem anderen Server im Netz verbinden</translation>
    </message>
</context>
<context>
    <name>sb::ui::ClusterBox</name>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Cluster: this is node %1</source>
        <translation>Cluster: Dies ist Knoten %1</translation>
    </message>
</context>
<context>
    <name>sb::ui::ClusterModel</name>
    <message>
        <source>Nodes: %1 known, %2 up</source>
        <translation>Knoten: %1 bekannt, %2 in Betrieb</translation>
    </message>
    <message>
        <source>%1 (this node)</source>
        <translation>%1 (dieser Knoten)</translation>
    </message>
    <message>
        <source>%1 (ports %2)</source>
        <translation>%1 (Ports %2)</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>In Betrieb</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Down (lost)</source>
        <translation>Ausgefallen (verloren)</translation>
    </message>
    <message>
        <source>up for %1</source>
        <translation>seit %1 in Betrieb</translation>
    </message>
    <message>
        <source>last seen %1 ago</source>
        <translation>zuletzt vor %1 gesehen</translation>
    </message>
    <message>
        <source>The node stopped beating without saying goodbye (killed, crashed or cut off); its channel members left the others.</source>
        <translation>Der Knoten meldet sich nicht mehr, ohne sich abgemeldet zu haben (beendet, abgestürzt oder abgeschnitten); seine Kanalmitglieder haben die anderen verlassen.</translation>
    </message>
    <message>
        <source>The node was stopped cleanly.</source>
        <translation>Der Knoten wurde ordnungsgemäß angehalten.</translation>
    </message>
    <message>
        <source>Switchboard %1</source>
        <translation>Switchboard %1</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
</context>
<context>
    <name>sb::ui::ConnectDialog</name>
    <message>
        <source>Connect to server</source>
        <translation>Mit Server verbinden</translation>
    </message>
    <message>
        <source>Watch and administer another Switchboard node — a switchboardd on a mini PC, a server in the cupboard — through its admin endpoint (port 8070 unless its configuration says otherwise).</source>
        <translation>Einen anderen Switchboard-Knoten beobachten und verwalten – ein switchboardd auf einem Mini-PC, ein Server im Schrank – über seinen Admin-Endpunkt (Port 8070, sofern seine Konfiguration nichts anderes sagt).</translation>
    </message>
    <message>
        <source>New server</source>
        <translation>Neuer Server</translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation>%1 als %2</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>host name or IP address, e.g. 192.168.1.20</source>
        <translation>Hostname oder IP-Adresse, z. B. 192.168.1.20</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>TLS (wss://)</source>
        <translation>TLS (wss://)</translation>
    </message>
    <message>
        <source>Email and password</source>
        <translation>E-Mail und Passwort</translation>
    </message>
    <message>
        <source>Admin API token</source>
        <translation>Admin-API-Token</translation>
    </message>
    <message>
        <source>Sign in with</source>
        <translation>Anmelden mit</translation>
    </message>
    <message>
        <source>a superuser's or an employee's email</source>
        <translation>E-Mail eines Superusers oder Mitarbeiters</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>sba_… (Administration → Users and tokens, scope admin)</source>
        <translation>sba_… (Verwaltung → Benutzer und Tokens, Bereich admin)</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>The first time, the server's certificate fingerprint is shown for you to compare and trust.</source>
        <translation>Beim ersten Mal wird der Fingerabdruck des Serverzertifikats zum Vergleichen und Vertrauen angezeigt.</translation>
    </message>
    <message>
        <source>Without TLS the password or token travels unencrypted across the LAN. Give the node's admin endpoint a certificate ("admin": {"tls": …}) and tick TLS.</source>
        <translation>Ohne TLS gehen Passwort oder Token unverschlüsselt durchs LAN. Geben Sie dem Admin-Endpunkt des Knotens ein Zertifikat ("admin": {"tls": …}) und haken Sie TLS an.</translation>
    </message>
    <message>
        <source>On your network:</source>
        <translation>In Ihrem Netz:</translation>
    </message>
    <message>
        <source>%1 — %2:%3%4</source>
        <translation>%1 – %2:%3%4</translation>
    </message>
    <message>
        <source> (TLS)</source>
        <translation> (TLS)</translation>
    </message>
    <message>
        <source>%1 — %2 (its admin endpoint is not open to the LAN)</source>
        <translation>%1 – %2 (sein Admin-Endpunkt ist für das LAN nicht offen)</translation>
    </message>
    <message>
        <source>Start it with --admin lan, or "admin": {"reach": "lan"} in its config.json</source>
        <translation>Mit --admin lan starten oder "admin": {"reach": "lan"} in seine config.json schreiben</translation>
    </message>
    <message>
        <source>No Switchboard node announces itself on the LAN (yet). Type its address below.</source>
        <translation>(Noch) kein Switchboard-Knoten meldet sich im LAN. Geben Sie seine Adresse unten ein.</translation>
    </message>
</context>
<context>
    <name>sb::ui::ConnectionsModel</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>no heartbeat</source>
        <translation>kein Heartbeat</translation>
    </message>
    <message>
        <source>fresh</source>
        <translation>frisch</translation>
    </message>
    <message>
        <source>late</source>
        <translation>verspätet</translation>
    </message>
    <message numerus="yes">
        <source>missed %n</source>
        <translation><numerusform>%n verpasst</numerusform><numerusform>%n verpasst</numerusform></translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Msgs in</source>
        <translation>Nachr. ein</translation>
    </message>
    <message>
        <source>Msgs out</source>
        <translation>Nachr. aus</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>Bytes ein</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>Bytes aus</translation>
    </message>
    <message>
        <source>Last ping</source>
        <translation>Letzter Ping</translation>
    </message>
    <message>
        <source>Last pong</source>
        <translation>Letzter Pong</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>Umlaufzeit</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>Limit hits</source>
        <translation>Limit erreicht</translation>
    </message>
</context>
<context>
    <name>sb::ui::ConnectionsWidget</name>
    <message>
        <source>Filter by service, peer, user or client id…</source>
        <translation>Nach Dienst, Gegenstelle, Benutzer oder Client-ID filtern…</translation>
    </message>
    <message>
        <source>Disconnect…</source>
        <translation>Trennen…</translation>
    </message>
    <message>
        <source>Disconnect %1</source>
        <translation>%1 trennen</translation>
    </message>
    <message>
        <source>1000 normal closure, 1001 going away, 1008 policy violation, 4000–4999 your own</source>
        <translation>1000 normales Schließen, 1001 geht weg, 1008 Richtlinienverstoß, 4000–4999 eigene Codes</translation>
    </message>
    <message>
        <source>closed by the operator</source>
        <translation>vom Betreiber geschlossen</translation>
    </message>
    <message>
        <source>Close code</source>
        <translation>Close-Code</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
    <message>
        <source>Show traffic</source>
        <translation>Verkehr zeigen</translation>
    </message>
    <message>
        <source>No connections yet. Open one from the Clients tab, or give someone an address from the Overview's cards.</source>
        <translation>Noch keine Verbindungen. Öffnen Sie eine im Tab Clients oder geben Sie jemandem eine Adresse von den Karten der Übersicht.</translation>
    </message>
</context>
<context>
    <name>sb::ui::FelixClient</name>
    <message>
        <source>Refused (HTTP 403): the token is unknown, revoked or not private.</source>
        <translation>Abgelehnt (HTTP 403): Das Token ist unbekannt, widerrufen oder nicht privat.</translation>
    </message>
</context>
<context>
    <name>sb::ui::FelixClientWidget</name>
    <message>
        <source>A private API token (Users and tokens → New token…)</source>
        <translation>Ein privates API-Token (Benutzer und Token → Neues Token…)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Send a heartbeat every</source>
        <translation>Einen Heartbeat senden alle</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Heartbeat now</source>
        <translation>Heartbeat jetzt</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>Server status (10001)</source>
        <translation>Serverstatus (10001)</translation>
    </message>
    <message>
        <source>No heartbeat answered yet.</source>
        <translation>Noch kein Heartbeat beantwortet.</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>Shard</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Subscriptions (20002) and updates (10002, 10003)</source>
        <translation>Abonnements (20002) und Änderungen (10002, 10003)</translation>
    </message>
    <message>
        <source>guild ids, separated by commas</source>
        <translation>Gilden-IDs, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>user ids, separated by commas</source>
        <translation>Benutzer-IDs, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>Abonnieren</translation>
    </message>
    <message>
        <source>Replaces what this connection listens to</source>
        <translation>Ersetzt, worauf diese Verbindung hört</translation>
    </message>
    <message>
        <source>Guilds</source>
        <translation>Gilden</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Changes to the guilds and users you listen to appear here.</source>
        <translation>Änderungen an den abonnierten Gilden und Benutzern erscheinen hier.</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <source>listening to guilds [%1] and users [%2]</source>
        <translation>höre auf Gilden [%1] und Benutzer [%2]</translation>
    </message>
    <message numerus="yes">
        <source>Answered at %1 · %n guild(s) · memory %2 · up for %3</source>
        <translation><numerusform>Beantwortet um %1 · %n Gilde · Speicher %2 · läuft seit %3</numerusform><numerusform>Beantwortet um %1 · %n Gilden · Speicher %2 · läuft seit %3</numerusform></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>guild %1: %2</source>
        <translation>Gilde %1: %2</translation>
    </message>
    <message>
        <source>user %1: %2</source>
        <translation>Benutzer %1: %2</translation>
    </message>
</context>
<context>
    <name>sb::ui::FelixDocsWidget</name>
    <message>
        <source>Guilds</source>
        <translation>Gilden</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Document id, e.g. 1234567890</source>
        <translation>Dokument-ID, z. B. 1234567890</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>The document: a JSON object</source>
        <translation>Das Dokument: ein JSON-Objekt</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Replaces the document; connections listening to this id get it at once</source>
        <translation>Ersetzt das Dokument; Verbindungen, die auf diese ID hören, erhalten es sofort</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Not JSON yet: %1 (at character %2)</source>
        <translation>Noch kein JSON: %1 (bei Zeichen %2)</translation>
    </message>
    <message>
        <source>A document is a JSON object</source>
        <translation>Ein Dokument ist ein JSON-Objekt</translation>
    </message>
    <message>
        <source>Valid JSON</source>
        <translation>Gültiges JSON</translation>
    </message>
    <message>
        <source>Give the document an id first</source>
        <translation>Dem Dokument erst eine ID geben</translation>
    </message>
    <message>
        <source>Not saved: not JSON (%1)</source>
        <translation>Nicht gespeichert: kein JSON (%1)</translation>
    </message>
    <message>
        <source>Not saved: a document is a JSON object</source>
        <translation>Nicht gespeichert: Ein Dokument ist ein JSON-Objekt</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Done; connections listening to it got the change</source>
        <translation>Erledigt; Verbindungen, die darauf hören, haben die Änderung erhalten</translation>
    </message>
    <message>
        <source>No documents yet. Bots create them with a felix update, or press New.</source>
        <translation>Noch keine Dokumente. Bots legen sie mit einem Felix-Update an, oder drücken Sie Neu.</translation>
    </message>
</context>
<context>
    <name>sb::ui::HeartbeatsModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>every %1 s</source>
        <translation>alle %1 s</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>Zeitüberschreitungen</translation>
    </message>
    <message>
        <source>Round trip (median)</source>
        <translation>Umlaufzeit (Median)</translation>
    </message>
    <message>
        <source>Round trip (95%)</source>
        <translation>Umlaufzeit (95 %)</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Views clamped</source>
        <translation>Aufrufe gekappt</translation>
    </message>
    <message>
        <source>Reports refused</source>
        <translation>Meldungen abgelehnt</translation>
    </message>
</context>
<context>
    <name>sb::ui::InspectorWidget</name>
    <message>
        <source>Capture traffic</source>
        <translation>Verkehr mitschneiden</translation>
    </message>
    <message>
        <source>Record every message and HTTP request of every service (secrets are masked). Off, capture costs nothing.</source>
        <translation>Jede Nachricht und jede HTTP-Anfrage aller Dienste aufzeichnen (Geheimnisse werden maskiert). Ausgeschaltet kostet der Mitschnitt nichts.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the shown records as JSON Lines</source>
        <translation>Die gezeigten Einträge als JSON Lines speichern</translation>
    </message>
    <message>
        <source>Export HAR…</source>
        <translation>HAR exportieren…</translation>
    </message>
    <message>
        <source>Save the shown HTTP requests and responses as a HAR file (browser developer tools open it)</source>
        <translation>Die gezeigten HTTP-Anfragen und -Antworten als HAR-Datei speichern (Entwicklerwerkzeuge der Browser öffnen sie)</translation>
    </message>
    <message>
        <source>Send again…</source>
        <translation>Erneut senden…</translation>
    </message>
    <message>
        <source>Put the selected client message into the raw client, to send it again</source>
        <translation>Die gewählte Client-Nachricht in den Roh-Client übernehmen, um sie erneut zu senden</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation>Beide Richtungen</translation>
    </message>
    <message>
        <source>In (from clients)</source>
        <translation>Ein (von Clients)</translation>
    </message>
    <message>
        <source>Out (to clients)</source>
        <translation>Aus (an Clients)</translation>
    </message>
    <message>
        <source>Connection id</source>
        <translation>Verbindungs-ID</translation>
    </message>
    <message>
        <source>Text in the payload</source>
        <translation>Text in den Nutzdaten</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Regulärer Ausdruck</translation>
    </message>
    <message>
        <source>Export traffic</source>
        <translation>Verkehr exportieren</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Export HTTP as HAR</source>
        <translation>HTTP als HAR exportieren</translation>
    </message>
    <message>
        <source>HAR (*.har)</source>
        <translation>HAR (*.har)</translation>
    </message>
    <message>
        <source>%1 shown of %2 kept · %3 lost while paused or slow</source>
        <translation>%1 gezeigt von %2 aufbewahrt · %3 verloren (angehalten oder zu langsam)</translation>
    </message>
    <message>
        <source>%1 shown of %2 kept</source>
        <translation>%1 gezeigt von %2 aufbewahrt</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation><numerusform>%n Datensatz</numerusform><numerusform>%n Datensätze</numerusform></translation>
    </message>
    <message>
        <source>%1 and %2 with %3</source>
        <comment>HAR export: exchanges, connections, messages</comment>
        <translation>%1 und %2 mit %3</translation>
    </message>
    <message numerus="yes">
        <source>%n HTTP exchange(s)</source>
        <translation><numerusform>%n HTTP-Austausch</numerusform><numerusform>%n HTTP-Austausche</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n WebSocket connection(s)</source>
        <translation><numerusform>%n WebSocket-Verbindung</numerusform><numerusform>%n WebSocket-Verbindungen</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation><numerusform>%n Nachricht</numerusform><numerusform>%n Nachrichten</numerusform></translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>Nicht exportiert: %1</translation>
    </message>
    <message>
        <source>Wrote %1 to %2 — only the %3 filtered rows of %4 captured</source>
        <translation>%1 nach %2 geschrieben — nur die %3 gefilterten Zeilen von %4 aufgezeichneten</translation>
    </message>
    <message>
        <source>Wrote %1 to %2 — every captured row</source>
        <translation>%1 nach %2 geschrieben — alle aufgezeichneten Zeilen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Look at a capture saved with Export… (live capture pauses)</source>
        <translation>Eine mit Exportieren… gespeicherte Aufzeichnung ansehen (die Live-Aufzeichnung pausiert)</translation>
    </message>
    <message>
        <source>Import a capture</source>
        <translation>Aufzeichnung importieren</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>Keep the newest record in view</source>
        <translation>Den neuesten Datensatz im Blick behalten</translation>
    </message>
    <message>
        <source>keep </source>
        <translation>behalte </translation>
    </message>
    <message>
        <source> rows</source>
        <translation> Zeilen</translation>
    </message>
    <message>
        <source>How many records the inspector keeps; the oldest go first</source>
        <translation>Wie viele Datensätze der Inspektor behält; die ältesten gehen zuerst</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>Nicht importiert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Showing %n record(s) from %1. Clear, then Resume, to watch live again.</source>
        <translation><numerusform>Zeigt %n Datensatz aus %1. Leeren, dann Fortsetzen, um wieder live zuzusehen.</numerusform><numerusform>Zeigt %n Datensätze aus %1. Leeren, dann Fortsetzen, um wieder live zuzusehen.</numerusform></translation>
    </message>
    <message>
        <source>Select a record to see it whole: JSON indented in the order it came, binary as hex.</source>
        <translation>Wählen Sie einen Datensatz, um ihn ganz zu sehen: JSON eingerückt in der Reihenfolge, in der es kam, Binäres als Hex.</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <source>Show the payload exactly as it came (binary as hex)</source>
        <translation>Die Nutzdaten genau so zeigen, wie sie kamen (Binäres als Hex)</translation>
    </message>
    <message>
        <source>Nothing captured yet. Tick “Capture traffic”, then use a client: every frame, ping and HTTP exchange shows here.</source>
        <translation>Noch nichts mitgeschnitten. Kreuzen Sie „Verkehr mitschneiden“ an und benutzen Sie einen Client: jeder Frame, jeder Ping und jeder HTTP-Austausch erscheint hier.</translation>
    </message>
</context>
<context>
    <name>sb::ui::LimitsWidget</name>
    <message>
        <source>Messages per second, per connection</source>
        <translation>Nachrichten pro Sekunde, je Verbindung</translation>
    </message>
    <message>
        <source>Largest message (bytes)</source>
        <translation>Größte Nachricht (Bytes)</translation>
    </message>
    <message>
        <source>Largest frame (bytes)</source>
        <translation>Größter Frame (Bytes)</translation>
    </message>
    <message>
        <source>Connections at most</source>
        <translation>Höchstens so viele Verbindungen</translation>
    </message>
    <message>
        <source>Connections per address at most</source>
        <translation>Höchstens so viele Verbindungen je Adresse</translation>
    </message>
    <message>
        <source>Time to authenticate (ms)</source>
        <translation>Zeit zum Authentifizieren (ms)</translation>
    </message>
    <message>
        <source>Ping every (ms, 0: never)</source>
        <translation>Ping alle (ms, 0: nie)</translation>
    </message>
    <message>
        <source>Pong within (ms)</source>
        <translation>Pong innerhalb von (ms)</translation>
    </message>
    <message>
        <source>Largest HTTP body (bytes)</source>
        <translation>Größter HTTP-Rumpf (Bytes)</translation>
    </message>
    <message>
        <source>Largest HTTP head (bytes)</source>
        <translation>Größter HTTP-Kopf (Bytes)</translation>
    </message>
    <message>
        <source>Time to send an HTTP head (ms)</source>
        <translation>Zeit zum Senden eines HTTP-Kopfs (ms)</translation>
    </message>
    <message>
        <source>Idle keep-alive (ms)</source>
        <translation>Leerlauf bei Keep-alive (ms)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Applies to connections and requests that start from now on; open connections keep the limits they started with.</source>
        <translation>Gilt für Verbindungen und Anfragen, die ab jetzt beginnen; offene Verbindungen behalten die Limits, mit denen sie begannen.</translation>
    </message>
    <message>
        <source>Server-wide limits changed</source>
        <translation>Serverweite Limits geändert</translation>
    </message>
    <message>
        <source>Limits of %1 changed</source>
        <translation>Limits von %1 geändert</translation>
    </message>
    <message>
        <source>Keep for the next start</source>
        <translation>Für den nächsten Start behalten</translation>
    </message>
    <message>
        <source>Writes the settings in force to config.json in the data directory</source>
        <translation>Schreibt die geltenden Einstellungen in config.json im Datenverzeichnis</translation>
    </message>
    <message>
        <source>Unread data kept for a client (bytes)</source>
        <translation>Ungelesene Daten je Client höchstens (Bytes)</translation>
    </message>
    <message>
        <source>Client must read within (ms)</source>
        <translation>Client muss lesen innerhalb von (ms)</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Nicht geändert: %1</translation>
    </message>
    <message>
        <source>Server-wide (HTTP heads, keep-alive, all connections)</source>
        <translation>Serverweit (HTTP-Köpfe, Keep-alive, alle Verbindungen)</translation>
    </message>
    <message>
        <source>Set at start: max_connections in config.json, then restart</source>
        <translation>Wird beim Start gesetzt: max_connections in config.json, dann neu starten</translation>
    </message>
    <message>
        <source>Connections at most, all services (set at start)</source>
        <translation>Höchstens Verbindungen, alle Dienste (beim Start gesetzt)</translation>
    </message>
</context>
<context>
    <name>sb::ui::ListenersModel</name>
    <message>
        <source>Running (TLS)</source>
        <translation>Läuft (TLS)</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Only this computer can connect</source>
        <translation>Nur dieser Computer kann sich verbinden</translation>
    </message>
    <message>
        <source>this computer only</source>
        <translation>nur dieser Computer</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Auf diesem Computer</translation>
    </message>
    <message>
        <source>On your LAN</source>
        <translation>In Ihrem lokalen Netz</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Up for</source>
        <translation>Läuft seit</translation>
    </message>
</context>
<context>
    <name>sb::ui::ListenersWidget</name>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>ein freier Port</translation>
    </message>
    <message>
        <source>TLS (https:// and wss:// only)</source>
        <translation>TLS (nur https:// und wss://)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>PEM file</source>
        <translation>PEM-Datei</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>PEM certificate file</source>
        <translation>PEM-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <source>PEM key file</source>
        <translation>PEM-Schlüsseldatei</translation>
    </message>
    <message>
        <source>Generate a self-signed certificate</source>
        <translation>Ein selbstsigniertes Zertifikat erzeugen</translation>
    </message>
    <message>
        <source>Valid for this computer's names and LAN addresses; clients must trust it or check its fingerprint</source>
        <translation>Gültig für die Namen und LAN-Adressen dieses Computers; Clients müssen ihm vertrauen oder seinen Fingerabdruck prüfen</translation>
    </message>
    <message>
        <source>Apply and restart listener</source>
        <translation>Übernehmen und Listener neu starten</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Running at %1</source>
        <translation>Läuft unter %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Applying restarts this listener: the connections open on it are closed (1001) and clients reconnect.</source>
        <translation>Übernehmen startet diesen Listener neu: Seine offenen Verbindungen werden geschlossen (1001), Clients verbinden sich neu.</translation>
    </message>
    <message>
        <source>This listener is stopped; the settings apply when it starts.</source>
        <translation>Dieser Listener ist angehalten; die Einstellungen gelten, sobald er startet.</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>Erzeuge…</translation>
    </message>
    <message>
        <source>Could not generate: %1</source>
        <translation>Konnte nicht erzeugt werden: %1</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1</source>
        <translation>SHA-256-Fingerabdruck: %1</translation>
    </message>
    <message>
        <source>TLS needs a certificate and a key (or generate them)</source>
        <translation>TLS braucht ein Zertifikat und einen Schlüssel (oder erzeugen Sie sie)</translation>
    </message>
    <message>
        <source>Listening at %1</source>
        <translation>Lauscht unter %1</translation>
    </message>
    <message>
        <source>Saved; applies when the listener starts</source>
        <translation>Gespeichert; gilt, sobald der Listener startet</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Nicht geändert: %1</translation>
    </message>
    <message>
        <source>Keep for the next start</source>
        <translation>Für den nächsten Start behalten</translation>
    </message>
    <message>
        <source>Writes the settings in force to config.json in the data directory</source>
        <translation>Schreibt die geltenden Einstellungen in config.json im Datenverzeichnis</translation>
    </message>
</context>
<context>
    <name>sb::ui::MainWindow</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>Listener</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Copy LAN URL</source>
        <translation>LAN-URL kopieren</translation>
    </message>
    <message>
        <source>Start accepting connections on the selected listener</source>
        <translation>Auf dem gewählten Listener Verbindungen annehmen</translation>
    </message>
    <message>
        <source>Stop the selected listener and close its connections (code 1001)</source>
        <translation>Den gewählten Listener anhalten und seine Verbindungen schließen (Code 1001)</translation>
    </message>
    <message>
        <source>Copy the address other machines on your network use</source>
        <translation>Die Adresse kopieren, die andere Rechner im Netz verwenden</translation>
    </message>
    <message>
        <source>Heartbeats and abuse</source>
        <translation>Heartbeats und Missbrauch</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Anwesenheit</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Verkehr</translation>
    </message>
    <message>
        <source>Raw client</source>
        <translation>Roh-Client</translation>
    </message>
    <message>
        <source>Users and tokens</source>
        <translation>Benutzer und Token</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Show Switchboard</source>
        <translation>Switchboard zeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Listening on all network interfaces: other machines on your LAN can connect using the addresses below.</source>
        <translation>Lauscht auf allen Netzwerkschnittstellen: Andere Rechner im lokalen Netz können sich über die Adressen unten verbinden.</translation>
    </message>
    <message>
        <source>Only this computer</source>
        <translation>Nur dieser Computer</translation>
    </message>
    <message>
        <source>Listening on this computer only: nobody else on the network can connect.</source>
        <translation>Lauscht nur auf diesem Computer: Niemand sonst im Netz kann sich verbinden.</translation>
    </message>
    <message>
        <source>Share on the LAN</source>
        <translation>Im lokalen Netz freigeben</translation>
    </message>
    <message numerus="yes">
        <source>Up for %1 · %2 worker threads · %n open WebSocket connection(s) · data in %3</source>
        <translation><numerusform>Läuft seit %1 · %2 Worker-Threads · %n offene WebSocket-Verbindung · Daten in %3</numerusform><numerusform>Läuft seit %1 · %2 Worker-Threads · %n offene WebSocket-Verbindungen · Daten in %3</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Switchboard: %n connection(s)</source>
        <translation><numerusform>Switchboard: %n Verbindung</numerusform><numerusform>Switchboard: %n Verbindungen</numerusform></translation>
    </message>
    <message>
        <source>Cannot start listener</source>
        <translation>Listener kann nicht starten</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>Cannot change the listen address</source>
        <translation>Die Lauschadresse kann nicht geändert werden</translation>
    </message>
    <message>
        <source>Switchboard is still running</source>
        <translation>Switchboard läuft weiter</translation>
    </message>
    <message>
        <source>The server keeps serving your LAN. Use the tray icon to open the window or quit.</source>
        <translation>Der Server bedient Ihr lokales Netz weiter. Über das Symbol im Infobereich öffnen Sie das Fenster oder beenden.</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>The new language applies the next time Switchboard starts.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Switchboard.</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Felix documents</source>
        <translation>Felix-Dokumente</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <source>Smiles</source>
        <translation>Smileys</translation>
    </message>
    <message>
        <source>Listeners and TLS</source>
        <translation>Listener und TLS</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation>Mit Server &amp;verbinden…</translation>
    </message>
    <message>
        <source>&amp;This computer</source>
        <translation>&amp;Dieser Computer</translation>
    </message>
    <message>
        <source>Connect to server…</source>
        <translation>Mit Server verbinden…</translation>
    </message>
    <message>
        <source>Watch and administer another Switchboard node on the network</source>
        <translation>Einen anderen Switchboard-Knoten im Netz beobachten und verwalten</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Show this computer's own server again</source>
        <translation>Wieder den eigenen Server dieses Computers zeigen</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Trust this server?</source>
        <translation>Diesem Server vertrauen?</translation>
    </message>
    <message>
        <source>%1 presented a certificate this computer does not trust (self-signed?).

SHA-256 fingerprint:
%2

Compare it with the one the server printed (switchboardd cert generate) or shows in its Listeners tab. Trust it from now on?</source>
        <translation>%1 legt ein Zertifikat vor, dem dieser Computer nicht vertraut (selbst signiert?).

SHA-256-Fingerabdruck:
%2

Vergleichen Sie ihn mit dem, den der Server ausgegeben hat (switchboardd cert generate) oder in seinem Listener-Reiter zeigt. Ab jetzt vertrauen?</translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation>Keine Verbindung</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>Keine Verbindung zu %1: %2</translation>
    </message>
    <message>
        <source>This computer — the server built into this app</source>
        <translation>Dieser Computer – der in diese App eingebaute Server</translation>
    </message>
    <message>
        <source>%1 — Switchboard (remote)</source>
        <translation>%1 – Switchboard (entfernt)</translation>
    </message>
    <message>
        <source>%1 listens on all its network interfaces: machines on its LAN can connect using the addresses below.</source>
        <translation>%1 lauscht auf allen seinen Netzwerkschnittstellen: Rechner in seinem LAN können sich über die Adressen unten verbinden.</translation>
    </message>
    <message>
        <source>%1 listens on its own computer only: nobody else on the network can connect.</source>
        <translation>%1 lauscht nur auf dem eigenen Computer: niemand sonst im Netz kann sich verbinden.</translation>
    </message>
    <message>
        <source>Only its own computer</source>
        <translation>Nur sein eigener Computer</translation>
    </message>
    <message>
        <source>Cannot stop listener</source>
        <translation>Listener kann nicht angehalten werden</translation>
    </message>
    <message>
        <source>Don't ask again</source>
        <translation>Nicht mehr fragen</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) are connected to this computer's server. Quitting disconnects them (code 1001).</source>
        <translation><numerusform>%n Client ist mit dem Server dieses Computers verbunden. Beenden trennt ihn (Code 1001).</numerusform><numerusform>%n Clients sind mit dem Server dieses Computers verbunden. Beenden trennt sie (Code 1001).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) are connected to this computer's server. Closing the window quits Switchboard and disconnects them (code 1001).</source>
        <translation><numerusform>%n Client ist mit dem Server dieses Computers verbunden. Das Fenster zu schließen beendet Switchboard und trennt ihn (Code 1001).</numerusform><numerusform>%n Clients sind mit dem Server dieses Computers verbunden. Das Fenster zu schließen beendet Switchboard und trennt sie (Code 1001).</numerusform></translation>
    </message>
    <message>
        <source>Use a free port</source>
        <translation>Freien Port nehmen</translation>
    </message>
    <message>
        <source>Move the selected listener to a port nothing else uses, and start it</source>
        <translation>Den gewählten Listener auf einen freien Port legen und starten</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 now listens at %2</source>
        <translation>%1 lauscht jetzt auf %2</translation>
    </message>
    <message>
        <source>Cannot move listener</source>
        <translation>Listener kann nicht verlegt werden</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) on other machines are connected. Listening on this computer only disconnects them (code 1001).</source>
        <translation><numerusform>%n Client auf einem anderen Rechner ist verbunden. Nur auf diesem Computer zu lauschen trennt ihn (Code 1001).</numerusform><numerusform>%n Clients auf anderen Rechnern sind verbunden. Nur auf diesem Computer zu lauschen trennt sie (Code 1001).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Listening on this computer only; %n client(s) on other machines disconnected</source>
        <translation><numerusform>Lauscht nur auf diesem Computer; %n Client auf einem anderen Rechner getrennt</numerusform><numerusform>Lauscht nur auf diesem Computer; %n Clients auf anderen Rechnern getrennt</numerusform></translation>
    </message>
    <message>
        <source>Listening on this computer only</source>
        <translation>Lauscht nur auf diesem Computer</translation>
    </message>
    <message>
        <source>Shared on the LAN: other machines can connect now</source>
        <translation>Im LAN freigegeben: andere Rechner können sich jetzt verbinden</translation>
    </message>
    <message>
        <source>Could not listen as last time: %1</source>
        <translation>Konnte nicht wie beim letzten Mal lauschen: %1</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Open the &amp;web chat page</source>
        <translation>&amp;Web-Chat-Seite öffnen</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Switchboard</source>
        <translation>Ü&amp;ber Switchboard</translation>
    </message>
    <message>
        <source>About Switchboard</source>
        <translation>Über Switchboard</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Switchboard %1&lt;/h3&gt;&lt;p&gt;Hosts real-time services on your LAN and shows every connection, presence change, heartbeat and frame live.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3).&lt;/p&gt;&lt;p&gt;Licence: proprietary, all rights reserved.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Switchboard %1&lt;/h3&gt;&lt;p&gt;Stellt Echtzeitdienste in Ihrem LAN bereit und zeigt jede Verbindung, jede Präsenzänderung, jeden Heartbeat und jeden Frame live.&lt;/p&gt;&lt;p&gt;Gebaut mit Qt %2 (läuft mit Qt %3).&lt;/p&gt;&lt;p&gt;Lizenz: proprietär, alle Rechte vorbehalten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No web browser opened %1</source>
        <translation>Kein Webbrowser hat %1 geöffnet</translation>
    </message>
    <message>
        <source>The chat service is not listening: start its listener on the Overview.</source>
        <translation>Der Chat-Dienst lauscht nicht: Starten Sie seinen Listener in der Übersicht.</translation>
    </message>
    <message>
        <source>Show the LAN address as a &amp;QR code</source>
        <translation>LAN-Adresse als &amp;QR-Code zeigen</translation>
    </message>
    <message>
        <source>No LAN address to show: the chat service is not listening, or only on this computer (Share on the LAN first).</source>
        <translation>Keine LAN-Adresse zu zeigen: Der Chat-Dienst lauscht nicht oder nur auf diesem Computer (zuerst im LAN freigeben).</translation>
    </message>
    <message>
        <source>Scan to open the web chat</source>
        <translation>Scannen, um den Web-Chat zu öffnen</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Erscheinungsbild</translation>
    </message>
    <message>
        <source>Follow the desktop</source>
        <translation>Wie der Desktop</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Summen</translation>
    </message>
    <message>
        <source>Not listening — %1. The other services run. Press “Use a free port” on its card, or set its port under Administration → Listeners.</source>
        <translation>Lauscht nicht — %1. Die anderen Dienste laufen. Drücken Sie „Freien Port nehmen“ auf seiner Karte oder stellen Sie den Port unter Verwaltung → Listener ein.</translation>
    </message>
</context>
<context>
    <name>sb::ui::PopClient</name>
    <message>
        <source>Logging in…</source>
        <translation>Melde an…</translation>
    </message>
    <message>
        <source>Logged in; connecting…</source>
        <translation>Angemeldet; verbinde…</translation>
    </message>
    <message>
        <source>Wrong email or password</source>
        <translation>Falsche E-Mail oder falsches Passwort</translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>Log in first, or paste a session id</source>
        <translation>Erst anmelden oder eine Sitzungs-ID einfügen</translation>
    </message>
    <message>
        <source>Authenticated</source>
        <translation>Authentifiziert</translation>
    </message>
    <message>
        <source>Not authenticated: %1</source>
        <translation>Nicht authentifiziert: %1</translation>
    </message>
    <message>
        <source>State refused: %1</source>
        <translation>Zustand abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>sb::ui::PopClientWidget</name>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Session id (the access token from logging in)</source>
        <translation>Sitzungs-ID (das Zugriffstoken der Anmeldung)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>Sitzungs-ID</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Group and typing</source>
        <translation>Gruppe und Tippen</translation>
    </message>
    <message>
        <source>Active group id (empty: none)</source>
        <translation>Aktive Gruppen-ID (leer: keine)</translation>
    </message>
    <message>
        <source>Typing</source>
        <translation>Tippt</translation>
    </message>
    <message>
        <source>Send state</source>
        <translation>Zustand senden</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Letzte Änderung</translation>
    </message>
    <message>
        <source>View counts</source>
        <translation>Aufrufzahlen</translation>
    </message>
    <message>
        <source>The content's UUID</source>
        <translation>Die UUID des Inhalts</translation>
    </message>
    <message>
        <source>Report views</source>
        <translation>Aufrufe melden</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <source>Reported; waiting for the server…</source>
        <translation>Gemeldet; warte auf den Server…</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>tippt…</translation>
    </message>
    <message>
        <source>Stored, clamped to %1</source>
        <translation>Gespeichert, gekappt auf %1</translation>
    </message>
    <message>
        <source>Stored, but nothing counted: this user's total for it is at its cap</source>
        <translation>Gespeichert, aber nichts gezählt: die Summe dieses Benutzers für diesen Inhalt hat ihre Obergrenze erreicht</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
</context>
<context>
    <name>sb::ui::PresenceWidget</name>
    <message>
        <source>Who or what</source>
        <translation>Wer oder was</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Nobody is present yet. Channel members, felix subscriptions and pop groups show here as clients join them.</source>
        <translation>Noch niemand anwesend. Kanalmitglieder, Felix-Abonnements und Pop-Gruppen erscheinen hier, sobald Clients beitreten.</translation>
    </message>
</context>
<context>
    <name>sb::ui::ProfileWidget</name>
    <message>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <source>Felix</source>
        <translation>Felix</translation>
    </message>
    <message>
        <source>Pop</source>
        <translation>Pop</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Chat (%1)</source>
        <translation>Chat (%1)</translation>
    </message>
</context>
<context>
    <name>sb::ui::QrDialog</name>
    <message>
        <source>This address is too long for a QR code.</source>
        <translation>Diese Adresse ist zu lang für einen QR-Code.</translation>
    </message>
</context>
<context>
    <name>sb::ui::RawClientTabs</name>
    <message>
        <source>Another connection (Ctrl+T)</source>
        <translation>Weitere Verbindung (Strg+T)</translation>
    </message>
</context>
<context>
    <name>sb::ui::RawClientWidget</name>
    <message>
        <source>ws://host:port/path or wss://…</source>
        <translation>ws://host:port/pfad oder wss://…</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Extra headers, one per line, e.g. Authorization: &lt;token&gt;</source>
        <translation>Zusätzliche Header, einer pro Zeile, z. B. Authorization: &lt;Token&gt;</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Message to send (Ctrl+Enter sends)</source>
        <translation>Zu sendende Nachricht (Strg+Eingabe sendet)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Binary (hex)</source>
        <translation>Binär (hex)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send file…</source>
        <translation>Datei senden…</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>close reason</source>
        <translation>Grund für das Schließen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Saved messages</source>
        <translation>Gespeicherte Nachrichten</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Close code</source>
        <translation>Close-Code</translation>
    </message>
    <message>
        <source>Send a file as one binary message</source>
        <translation>Eine Datei als eine Binärnachricht senden</translation>
    </message>
    <message>
        <source>Save message</source>
        <translation>Nachricht speichern</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Connected · pong after %1 ms</source>
        <translation>Verbunden · Pong nach %1 ms</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message>
        <source>Closed with code %1 %2</source>
        <translation>Geschlossen mit Code %1 %2</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Not connected: connect first</source>
        <translation>Nicht verbunden: erst verbinden</translation>
    </message>
    <message>
        <source>That is not hex: use pairs of 0-9 a-f, spaces allowed</source>
        <translation>Das ist kein Hex: Paare aus 0-9 a-f verwenden, Leerzeichen erlaubt</translation>
    </message>
    <message>
        <source>the server's certificate is not trusted: %1</source>
        <translation>dem Zertifikat des Servers wird nicht vertraut: %1</translation>
    </message>
    <message>
        <source>Subprotocols to offer, comma-separated (optional)</source>
        <translation>Anzubietende Subprotokolle, durch Kommas getrennt (optional)</translation>
    </message>
    <message>
        <source>Subprotocols</source>
        <translation>Subprotokolle</translation>
    </message>
    <message>
        <source>Connected to %1 (subprotocol %2)</source>
        <translation>Verbunden mit %1 (Subprotokoll %2)</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>%1 · connected</source>
        <translation>%1 · verbunden</translation>
    </message>
    <message>
        <source>%1 · connecting</source>
        <translation>%1 · verbindet</translation>
    </message>
</context>
<context>
    <name>sb::ui::RemoteNode</name>
    <message>
        <source>the server's certificate is not trusted (SHA-256 %1)</source>
        <translation>dem Zertifikat des Servers wird nicht vertraut (SHA-256 %1)</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Connected to %1 (%2) as %3</source>
        <translation>Verbunden mit %1 (%2) als %3</translation>
    </message>
    <message>
        <source>Connection to %1 lost: %2 — trying again in %3 s</source>
        <translation>Verbindung zu %1 verloren: %2 – neuer Versuch in %3 s</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 lehnt ab: %2</translation>
    </message>
    <message>
        <source>the connection to %1 was lost</source>
        <translation>die Verbindung zu %1 ist abgebrochen</translation>
    </message>
    <message>
        <source>not connected to %1</source>
        <translation>nicht mit %1 verbunden</translation>
    </message>
</context>
<context>
    <name>sb::ui::SavedConfig</name>
    <message>
        <source>Saved to %1: the next start uses it (unless --config names another file)</source>
        <translation>In %1 gespeichert: Der nächste Start verwendet sie (außer --config nennt eine andere Datei)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>sb::ui::ServiceCard</name>
    <message>
        <source>Member chat: accounts, files and coins</source>
        <translation>Mitglieder-Chat: Konten, Dateien und Münzen</translation>
    </message>
    <message>
        <source>Strict RFC 6455 service: echo and rooms</source>
        <translation>Strikter RFC-6455-Dienst: Echo und Räume</translation>
    </message>
    <message>
        <source>Pub/sub channels with presence and acknowledgements</source>
        <translation>Pub/Sub-Kanäle mit Anwesenheit und Bestätigungen</translation>
    </message>
    <message>
        <source>Bot status with database-update subscriptions</source>
        <translation>Bot-Status mit Abonnements auf Datenbank-Updates</translation>
    </message>
    <message>
        <source>Social app: state echo and view counts</source>
        <translation>Social-App: Zustandsecho und Aufrufzähler</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy this address</source>
        <translation>Diese Adresse kopieren</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation>Nachrichten/s</translation>
    </message>
    <message>
        <source>WebSocket connections open now</source>
        <translation>Jetzt offene WebSocket-Verbindungen</translation>
    </message>
    <message>
        <source>Messages per second, in and out, over the last second; the line above is the last minute</source>
        <translation>Nachrichten pro Sekunde, ein und aus, in der letzten Sekunde; die Linie darüber ist die letzte Minute</translation>
    </message>
    <message>
        <source>No listener</source>
        <translation>Kein Listener</translation>
    </message>
    <message>
        <source>Not served by this node</source>
        <translation>Von diesem Knoten nicht angeboten</translation>
    </message>
    <message>
        <source>Running · TLS</source>
        <translation>Läuft · TLS</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Only this computer can connect</source>
        <translation>Nur dieser Computer kann sich verbinden</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Not accepting connections</source>
        <translation>Nimmt keine Verbindungen an</translation>
    </message>
    <message>
        <source>Use a free port</source>
        <translation>Freien Port nehmen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Move this listener to a port nothing else uses, and start it</source>
        <translation>Diesen Listener auf einen freien Port legen und starten</translation>
    </message>
    <message>
        <source>Start accepting connections</source>
        <translation>Verbindungen annehmen</translation>
    </message>
    <message>
        <source>%1 in · %2 out</source>
        <translation>%1 ein · %2 aus</translation>
    </message>
    <message>
        <source>&lt;span style="color:%1"&gt;&amp;#9632;&lt;/span&gt; %2 in &amp;nbsp;&lt;span style="color:%3"&gt;&amp;#9632;&lt;/span&gt; %4 out</source>
        <translation>&lt;span style="color:%1"&gt;&amp;#9632;&lt;/span&gt; %2 ein &amp;nbsp;&lt;span style="color:%3"&gt;&amp;#9632;&lt;/span&gt; %4 aus</translation>
    </message>
    <message>
        <source>%1 errors · %2 limit hits</source>
        <translation>%1 Fehler · %2 Limit-Treffer</translation>
    </message>
    <message>
        <source> · %1 clamped · %2 refused</source>
        <translation> · %1 gekappt · %2 abgelehnt</translation>
    </message>
    <message>
        <source>%1 errors, %2 limit hits (%3 of them clients closed for not reading), %4 heartbeat timeouts</source>
        <translation>%1 Fehler, %2 Limit-Treffer (davon %3 Clients geschlossen, weil sie nicht lasen), %4 Heartbeat-Zeitüberschreitungen</translation>
    </message>
    <message>
        <source>Heartbeat off</source>
        <translation>Heartbeat aus</translation>
    </message>
    <message>
        <source>Pings every %1 s · no answer yet</source>
        <translation>Ping alle %1 s · noch keine Antwort</translation>
    </message>
    <message>
        <source>Round trip %1 ms · 95%: %2 ms</source>
        <translation>Umlaufzeit %1 ms · 95 %: %2 ms</translation>
    </message>
    <message numerus="yes">
        <source> · %n timed out</source>
        <translation><numerusform> · %n Zeitüberschreitung</numerusform><numerusform> · %n Zeitüberschreitungen</numerusform></translation>
    </message>
    <message>
        <source>Pings every %1 s; %2 connection(s) measured; %3 heartbeat timeouts so far</source>
        <translation>Ping alle %1 s; %2 Verbindung(en) gemessen; bisher %3 Heartbeat-Zeitüberschreitungen</translation>
    </message>
</context>
<context>
    <name>sb::ui::ServicesModel</name>
    <message>
        <source>%1 (%2/s)</source>
        <translation>%1 (%2/s)</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Messages in</source>
        <translation>Nachrichten ein</translation>
    </message>
    <message>
        <source>Messages out</source>
        <translation>Nachrichten aus</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>Bytes ein</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>Bytes aus</translation>
    </message>
    <message>
        <source>HTTP requests</source>
        <translation>HTTP-Anfragen</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1 errors, %2 limit hits (%4 of them clients closed for not reading), %3 heartbeat timeouts</source>
        <translation>%1 Fehler, %2-mal Limit erreicht (davon %4 Clients geschlossen, die nicht lesen), %3 Heartbeat-Zeitüberschreitungen</translation>
    </message>
</context>
<context>
    <name>sb::ui::SmilesWidget</name>
    <message>
        <source>Smile</source>
        <translation>Smiley</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Price (coins)</source>
        <translation>Preis (Münzen)</translation>
    </message>
    <message>
        <source>Add smile…</source>
        <translation>Smiley hinzufügen…</translation>
    </message>
    <message>
        <source>A PNG, JPEG, GIF or WebP image, with its price</source>
        <translation>Ein PNG-, JPEG-, GIF- oder WebP-Bild mit seinem Preis</translation>
    </message>
    <message>
        <source>Change price…</source>
        <translation>Preis ändern…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>It leaves the grid; messages that used it keep showing it</source>
        <translation>Er verschwindet aus der Auswahl; Nachrichten, die ihn nutzen, zeigen ihn weiter</translation>
    </message>
    <message>
        <source>Add a smile</source>
        <translation>Einen Smiley hinzufügen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
    <message>
        <source>Price in coins (0: free)</source>
        <translation>Preis in Münzen (0: kostenlos)</translation>
    </message>
    <message>
        <source>Change price</source>
        <translation>Preis ändern</translation>
    </message>
    <message>
        <source>Price of smile %1 in coins</source>
        <translation>Preis von Smiley %1 in Münzen</translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation>%1 hinzugefügt</translation>
    </message>
    <message>
        <source>Smile %1 now costs %2 coins</source>
        <translation>Smiley %1 kostet jetzt %2 Münzen</translation>
    </message>
    <message>
        <source>Removed smile %1</source>
        <translation>Smiley %1 entfernt</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>No smiles yet. Press Add smile… to sell an image in chat.</source>
        <translation>Noch keine Smileys. Drücken Sie Smiley hinzufügen…, um ein Bild im Chat zu verkaufen.</translation>
    </message>
</context>
<context>
    <name>sb::ui::TrafficChart</name>
    <message>
        <source>messages in / s</source>
        <translation>Nachrichten ein / s</translation>
    </message>
    <message>
        <source>messages out / s</source>
        <translation>Nachrichten aus / s</translation>
    </message>
    <message>
        <source>No messages in this range yet. Connect a client from the Clients tab, or give someone a service's address from its card.</source>
        <translation>In diesem Zeitraum noch keine Nachrichten. Verbinden Sie einen Client im Tab Clients oder geben Sie jemandem die Adresse eines Dienstes von seiner Karte.</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <source>Which service the chart shows</source>
        <translation>Welchen Dienst das Diagramm zeigt</translation>
    </message>
    <message>
        <source>Messages per second:</source>
        <translation>Nachrichten pro Sekunde:</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 min</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>Show the last %1</source>
        <translation>Die letzten %1 zeigen</translation>
    </message>
</context>
<context>
    <name>sb::ui::TrafficExport</name>
    <message>
        <source>could not write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1, line %2: not a record of a Switchboard capture</source>
        <translation>%1, Zeile %2: kein Datensatz einer Switchboard-Aufzeichnung</translation>
    </message>
</context>
<context>
    <name>sb::ui::TrafficModel</name>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>binär</translation>
    </message>
    <message>
        <source>ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>pong</source>
        <translation>Pong</translation>
    </message>
    <message>
        <source>close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>HTTP request</source>
        <translation>HTTP-Anfrage</translation>
    </message>
    <message>
        <source>HTTP response</source>
        <translation>HTTP-Antwort</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>geöffnet</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>in</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>out</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Conn.</source>
        <translation>Verb.</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Dir.</source>
        <translation>Richt.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>handshake</source>
        <translation>Handshake</translation>
    </message>
</context>
</TS>
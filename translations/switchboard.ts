<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>QObject</name>
    <message>
        <source>Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host real-time WebSocket services on your LAN and watch them live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a PNG of the main window after --screenshot-delay ms, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay before the screenshot (default 1500 ms).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with traffic capture on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print &apos;listening &lt;services&gt; &lt;url&gt;&apos; for each listener once the server runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit after this many ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At exit, write how long the window&apos;s event loop stalled (JSON) to FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not start:

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language: de, en, or system (the default is the choice saved in Settings, else the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open on this tab: overview, connections, presence, traffic, clients, raw or admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tab: expected overview, connections, presence, traffic, clients, raw or admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open straight onto a remote node&apos;s admin endpoint, e.g. ws://192.168.1.20:8070 (credentials: the URL&apos;s user:password, or an admin token in SWITCHBOARD_ADMIN_TOKEN; else the connect dialog asks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--connect: expected ws://HOST:PORT or wss://HOST:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request was not a valid WebSocket handshake for this path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credentials are missing or wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not allowed (a token or header is missing or refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no WebSocket at this path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server wants another WebSocket version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many connections or attempts from this address; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server is full or busy; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the WebSocket handshake: HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the WebSocket handshake: HTTP %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing is listening on %1 (connection refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host %1 was not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network is unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TLS handshake with %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light or dark: system (follow the desktop), light or dark (the default is the choice saved in Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the window at this size, e.g. 1024x640 (for screenshots).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--window-size: expected WIDTHxHEIGHT, e.g. 1024x640</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--appearance: expected system, light or dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::Presence</name>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s), %1 recent events kept</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Chat conversations (by chat id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n active</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open socket(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Felix subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guilds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n id(s) listened to</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Generic rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(lobby)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Pop groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (on %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui</name>
    <message>
        <source>connection %1 · %2 · %3 · %4 · since %5 · in %6 msgs / %7 B · out %8 msgs / %9 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, %3 — connection %4, %5

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(showing the first %1)

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat file frame

%1

%2 of file data, the first %3:

</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::AddServerDialog</name>
    <message>
        <source>Add server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Living room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host name or address, e.g. 192.168.1.20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (https / wss)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On your network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat and accounts port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Felix port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pop port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None found: type the address below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a node found on the LAN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::AdminWidget</name>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add coins…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API tokens (felix)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coins for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1 (%2) with %3 coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now has %2 coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add coins: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create token %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1 token %2 (shown once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked %1: it no longer opens anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not revoke %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the token now: it is shown only once and stored only as a hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A disabled user cannot log in and their sessions stop working; nothing is deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is disabled: no login, their sessions stop working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is enabled again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private — a felix bot (socket and REST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public — names a bot; felix refuses it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin — the admin endpoint (watch and administer this server remotely)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the users and tokens again (they are also read each time this page is shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No members yet. Register one in the Clients tab (Chat), or press New user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API tokens yet. Bots of the felix service need one: press New token…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::AuditWidget</name>
    <message>
        <source>Every administrative change to this server — from this window or from a desktop app attached remotely — with who made it and from where. Kept in the server&apos;s database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The latest %n change(s), newest first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No administrative changes yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ChannelsClient</name>
    <message>
        <source>closed: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payload is not JSON: %1 (at character %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose members in the list first</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>connected as %1 (%n member(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>PING, answered with PONG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PING, not answered (auto-PONG is off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(acknowledged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(asks for an ACK; auto-ACK is off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ERROR %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ChannelsClientWidget</name>
    <message>
        <source>Your presence: a JSON object every member sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-ACK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge every event that asks for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-PONG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer the server&apos;s PING; turn off to watch it time out (PING_TIMEOUT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events of the channel appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event&apos;s payload: any JSON value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen members: select them in the member list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Require ACK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emit key, if the server has one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The presence must be a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The presence must be a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emitted; waiting for the ACKs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emitting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emit failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 acknowledged; %3 did not in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left the channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delivered to %n member(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>; every one acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; not in the channel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client id %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ChatClient</name>
    <message>
        <source>Sending… %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration refused (HTTP %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong email or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a member first: no conversation is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough coins: %1. Ask the server&apos;s operator to top up your balance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the message (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged out of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ChatClientWidget</name>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in or register to chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members: pick one to open your conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load older messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a member to see your conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message (Enter sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance: %1 coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance: %1 coins (%2: messages are free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smile %1 · %2 coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smile %1 · free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server has no smiles yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(a smile or a file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[smile %1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the start of the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End this session on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ClientSocket</name>
    <message>
        <source>Reconnecting (attempt %1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed by the server with code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed by the server with code %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost (%1); reconnecting in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ClientsWidget</name>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect these clients to another server on your network</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ClusterBox</name>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster: this is node %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ClusterModel</name>
    <message>
        <source>Nodes: %1 known, %2 up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this node)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (ports %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down (lost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen %1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node stopped beating without saying goodbye (killed, crashed or cut off); its channel members left the others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node was stopped cleanly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ConnectDialog</name>
    <message>
        <source>Connect to server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch and administer another Switchboard node — a switchboardd on a mini PC, a server in the cupboard — through its admin endpoint (port 8070 unless its configuration says otherwise).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host name or IP address, e.g. 192.168.1.20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (wss://)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email and password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a superuser&apos;s or an employee&apos;s email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sba_… (Administration → Users and tokens, scope admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first time, the server&apos;s certificate fingerprint is shown for you to compare and trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without TLS the password or token travels unencrypted across the LAN. Give the node&apos;s admin endpoint a certificate (&quot;admin&quot;: {&quot;tls&quot;: …}) and tick TLS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On your network:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2:%3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 (its admin endpoint is not open to the LAN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start it with --admin lan, or &quot;admin&quot;: {&quot;reach&quot;: &quot;lan&quot;} in its config.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Switchboard node announces itself on the LAN (yet). Type its address below.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ConnectionsModel</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>late</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>missed %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Msgs in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Msgs out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last ping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last pong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit hits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ConnectionsWidget</name>
    <message>
        <source>Filter by service, peer, user or client id…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1000 normal closure, 1001 going away, 1008 policy violation, 4000–4999 your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by the operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connections yet. Open one from the Clients tab, or give someone an address from the Overview&apos;s cards.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::FelixClient</name>
    <message>
        <source>Refused (HTTP 403): the token is unknown, revoked or not private.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::FelixClientWidget</name>
    <message>
        <source>A private API token (Users and tokens → New token…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a heartbeat every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server status (10001)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No heartbeat answered yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscriptions (20002) and updates (10002, 10003)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guild ids, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user ids, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaces what this connection listens to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guilds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes to the guilds and users you listen to appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listening to guilds [%1] and users [%2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Answered at %1 · %n guild(s) · memory %2 · up for %3</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guild %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::FelixDocsWidget</name>
    <message>
        <source>Guilds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document id, e.g. 1234567890</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document: a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaces the document; connections listening to this id get it at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not JSON yet: %1 (at character %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A document is a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the document an id first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: not JSON (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: a document is a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done; connections listening to it got the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No documents yet. Bots create them with a felix update, or press New.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::HeartbeatsModel</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip (median)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip (95%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Views clamped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::InspectorWidget</name>
    <message>
        <source>Capture traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record every message and HTTP request of every service (secrets are masked). Off, capture costs nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shown records as JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export HAR…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shown HTTP requests and responses as a HAR file (browser developer tools open it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the selected client message into the raw client, to send it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In (from clients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out (to clients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text in the payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export HTTP as HAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HAR (*.har)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shown of %2 kept · %3 lost while paused or slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shown of %2 kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2 with %3</source>
        <comment>HAR export: exchanges, connections, messages</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n HTTP exchange(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n WebSocket connection(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 to %2 — only the %3 filtered rows of %4 captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 to %2 — every captured row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at a capture saved with Export… (live capture pauses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest record in view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many records the inspector keeps; the oldest go first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Showing %n record(s) from %1. Clear, then Resume, to watch live again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Select a record to see it whole: JSON indented in the order it came, binary as hex.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the payload exactly as it came (binary as hex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing captured yet. Tick “Capture traffic”, then use a client: every frame, ping and HTTP exchange shows here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::LimitsWidget</name>
    <message>
        <source>Messages per second, per connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest message (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest frame (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections per address at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to authenticate (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ping every (ms, 0: never)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pong within (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest HTTP body (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest HTTP head (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to send an HTTP head (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle keep-alive (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies to connections and requests that start from now on; open connections keep the limits they started with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server-wide limits changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits of %1 changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep for the next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes the settings in force to config.json in the data directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unread data kept for a client (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client must read within (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server-wide (HTTP heads, keep-alive, all connections)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set at start: max_connections in config.json, then restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections at most, all services (set at start)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ListenersModel</name>
    <message>
        <source>Running (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this computer can connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On your LAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up for</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ListenersWidget</name>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (https:// and wss:// only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a self-signed certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid for this computer&apos;s names and LAN addresses; clients must trust it or check its fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply and restart listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>–</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying restarts this listener: the connections open on it are closed (1001) and clients reconnect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This listener is stopped; the settings apply when it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not generate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS needs a certificate and a key (or generate them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; applies when the listener starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep for the next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes the settings in force to config.json in the data directory</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::MainWindow</name>
    <message>
        <source>Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy LAN URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start accepting connections on the selected listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected listener and close its connections (code 1001)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the address other machines on your network use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeats and abuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users and tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on all network interfaces: other machines on your LAN can connect using the addresses below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on this computer only: nobody else on the network can connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share on the LAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Up for %1 · %2 worker threads · %n open WebSocket connection(s) · data in %3</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Switchboard: %n connection(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot start listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot change the listen address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server keeps serving your LAN. Use the tray icon to open the window or quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies the next time Switchboard starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Felix documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners and TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch and administer another Switchboard node on the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this computer&apos;s own server again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this server?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 presented a certificate this computer does not trust (self-signed?).

SHA-256 fingerprint:
%2

Compare it with the one the server printed (switchboardd cert generate) or shows in its Listeners tab. Trust it from now on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer — the server built into this app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Switchboard (remote)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 listens on all its network interfaces: machines on its LAN can connect using the addresses below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 listens on its own computer only: nobody else on the network can connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only its own computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot stop listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t ask again</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) are connected to this computer&apos;s server. Quitting disconnects them (code 1001).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) are connected to this computer&apos;s server. Closing the window quits Switchboard and disconnects them (code 1001).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Use a free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected listener to a port nothing else uses, and start it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now listens at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) on other machines are connected. Listening on this computer only disconnects them (code 1001).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Listening on this computer only; %n client(s) on other machines disconnected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Listening on this computer only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared on the LAN: other machines can connect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not listen as last time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;web chat page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Switchboard %1&lt;/h3&gt;&lt;p&gt;Hosts real-time services on your LAN and shows every connection, presence change, heartbeat and frame live.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3).&lt;/p&gt;&lt;p&gt;Licence: proprietary, all rights reserved.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No web browser opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chat service is not listening: start its listener on the Overview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the LAN address as a &amp;QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No LAN address to show: the chat service is not listening, or only on this computer (Share on the LAN first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan to open the web chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listening — %1. The other services run. Press “Use a free port” on its card, or set its port under Administration → Listeners.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::PopClient</name>
    <message>
        <source>Logging in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged in; connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong email or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in first, or paste a session id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authenticated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not authenticated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::PopClientWidget</name>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session id (the access token from logging in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group and typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active group id (empty: none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content&apos;s UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported; waiting for the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored, clamped to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored, but nothing counted: this user&apos;s total for it is at its cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::PresenceWidget</name>
    <message>
        <source>Who or what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is present yet. Channel members, felix subscriptions and pop groups show here as clients join them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ProfileWidget</name>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Felix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::QrDialog</name>
    <message>
        <source>This address is too long for a QR code.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::RawClientTabs</name>
    <message>
        <source>Another connection (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::RawClientWidget</name>
    <message>
        <source>ws://host:port/path or wss://…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra headers, one per line, e.g. Authorization: &lt;token&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message to send (Ctrl+Enter sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary (hex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>close reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a file as one binary message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected · pong after %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed with code %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: connect first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not hex: use pairs of 0-9 a-f, spaces allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subprotocols to offer, comma-separated (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subprotocols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (subprotocol %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · connecting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::RemoteNode</name>
    <message>
        <source>the server&apos;s certificate is not trusted (SHA-256 %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (%2) as %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection to %1 lost: %2 — trying again in %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to %1 was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::SavedConfig</name>
    <message>
        <source>Saved to %1: the next start uses it (unless --config names another file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ServiceCard</name>
    <message>
        <source>Member chat: accounts, files and coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strict RFC 6455 service: echo and rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pub/sub channels with presence and acknowledgements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot status with database-update subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Social app: state echo and view counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebSocket connections open now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per second, in and out, over the last second; the line above is the last minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not served by this node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running · TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this computer can connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepting connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move this listener to a port nothing else uses, and start it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start accepting connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in · %2 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:%1&quot;&gt;&amp;#9632;&lt;/span&gt; %2 in &amp;nbsp;&lt;span style=&quot;color:%3&quot;&gt;&amp;#9632;&lt;/span&gt; %4 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 errors · %2 limit hits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 clamped · %2 refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 errors, %2 limit hits (%3 of them clients closed for not reading), %4 heartbeat timeouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pings every %1 s · no answer yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip %1 ms · 95%: %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> · %n timed out</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Pings every %1 s; %2 connection(s) measured; %3 heartbeat timeouts so far</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::ServicesModel</name>
    <message>
        <source>%1 (%2/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 errors, %2 limit hits (%4 of them clients closed for not reading), %3 heartbeat timeouts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::SmilesWidget</name>
    <message>
        <source>Smile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price (coins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add smile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PNG, JPEG, GIF or WebP image, with its price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change price…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It leaves the grid; messages that used it keep showing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a smile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price in coins (0: free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price of smile %1 in coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smile %1 now costs %2 coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed smile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No smiles yet. Press Add smile… to sell an image in chat.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::TrafficChart</name>
    <message>
        <source>messages in / s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages out / s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages in this range yet. Connect a client from the Clients tab, or give someone a service&apos;s address from its card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which service the chart shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per second:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the last %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::TrafficExport</name>
    <message>
        <source>could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, line %2: not a record of a Switchboard capture</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ui::TrafficModel</name>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handshake</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

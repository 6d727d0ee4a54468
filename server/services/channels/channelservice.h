#pragma once
// The pub/sub channels service (seed 004, docs/channels.md): /:channel/listen (WebSocket or SSE) and
// /:channel/emit (GET or POST), with presence, ACKs, PING/PONG and missed-event recovery.

#include "ackregistry.h"
#include "channelhub.h"
#include "net/service.h"

namespace sb {
struct ServerContext;
}

namespace sb::channels {

// "services.channels" in config.json, besides limits and allowed_origins.
struct ChannelSettings {
    int historyEvents = 100;                   // recent events kept per channel for ?since= recovery
    qint64 historyMs = 300'000;                // ... and for how long
    int historyBytes = 1024 * 1024;            // ... and at most this many bytes per channel
    int historyTotalBytes = 32 * 1024 * 1024;  // every channel's history together: oldest go first
    int ackTimeoutMs = 5000;                   // require-ack emits answer 408 after this
    QString emitKey;                           // when set, emit needs Authorization: Bearer <key>
};

class ChannelService final : public Service
{
public:
    explicit ChannelService(ServerContext &context);
    QString name() const override { return QStringLiteral("channels"); }
    void registerRoutes(Router &router) override;
    std::optional<PresenceNode> presence() const override;

    ServerContext &context() { return m_ctx; }
    ChannelHub &hub() { return m_hub; }
    AckRegistry &acks() { return m_acks; }

private:
    void emitEvent(HttpRequest &request, const HttpResponder &respond);
    void listenSse(HttpRequest &request, const HttpResponder &respond);

    ServerContext &m_ctx;
    const ChannelSettings m_settings;
    const QByteArray m_emitKey;
    AckRegistry m_acks;  // before the hub, which reports to it
    ChannelHub m_hub;
};

// The `presence` query parameter: a URL-encoded JSON object of at most 4 KiB, else {}.
// Returns false (with a reason) when it is present but not such an object.
bool parsePresence(const QByteArray &query, QByteArray *json, QString *error);

}  // namespace sb::channels

#pragma once
// The pub/sub channels service (seed 004, docs/channels.md): /:channel/listen (WebSocket or SSE) and
// /:channel/emit (GET or POST), with presence, ACKs, PING/PONG and missed-event recovery.

#include "ackregistry.h"
#include "channelhub.h"
#include "services/service.h"

namespace sb {
struct ServerContext;
}

namespace sb::channels {

class ChannelService final : public Service
{
public:
    explicit ChannelService(ServerContext &context);
    QString name() const override { return QStringLiteral("channels"); }
    void registerRoutes(Router &router) override;
    QJsonObject snapshot() const override { return m_hub.snapshot(); }

    ServerContext &context() { return m_ctx; }
    ChannelHub &hub() { return m_hub; }
    AckRegistry &acks() { return m_acks; }

private:
    void emitEvent(HttpRequest &request, const HttpResponder &respond);
    void listenSse(HttpRequest &request, const HttpResponder &respond);

    ServerContext &m_ctx;
    ChannelHub m_hub;
    AckRegistry m_acks;
};

// The `presence` query parameter: a URL-encoded JSON object of at most 4 KiB, else {}.
// Returns false (with a reason) when it is present but not such an object.
bool parsePresence(const QByteArray &query, QByteArray *json, QString *error);

}  // namespace sb::channels

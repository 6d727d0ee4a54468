#pragma once
// What chat (seed 001) and pop (seed 000) share: a socket's first message must authenticate,
// within the unauthenticated limit (docs/configuration.md, "Limits"), with "Bearer <access token>".

#include "accounts/accountstore.h"

#include <QByteArray>
#include <QStringView>
#include <QTimer>

#include <functional>
#include <optional>

namespace sb {

class FirstMessageAuth final
{
public:
    // Starts the deadline: `expired` runs on `session`'s thread when no first message came
    // within `ms`.
    FirstMessageAuth(QObject *session, int ms, std::function<void()> expired);
    Q_DISABLE_COPY_MOVE(FirstMessageAuth)

    struct Result {
        enum Status { Accepted, NotBearer, Invalid } status;
        std::optional<User> user;
        QByteArray tokenDigest;  // for WsSession::setAccess: the token's logout closes the socket
    };
    // Stops the deadline and checks `credentials` ("Bearer <token>", the scheme in any case).
    Result check(AccountStore &accounts, QStringView credentials);
    void stop() { m_deadline.stop(); }

private:
    QTimer m_deadline;
};

}  // namespace sb

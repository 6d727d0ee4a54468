#pragma once
// A change that ends access already granted (a logout, a disabled account, a revoked API
// token): the sockets opened with that access close (WsSession::endedBy, Worker::endAccess).
// The accounts record and read these events (accounts/accesswatcher.h).

#include <QByteArray>

namespace sb {

struct AccessEvent {
    enum Kind { Token, User, Role, ApiToken };
    qint64 id = 0;
    Kind kind = Token;
    qint64 userId = 0;
    QByteArray tokenDigest;  // Token: the access token that was revoked
    qint64 apiTokenId = 0;   // ApiToken
};

}  // namespace sb

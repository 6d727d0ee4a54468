#pragma once
// Unread counts (beyond the seed, docs/chat.md): how far each member has read each of their
// chats (the table chat_reads), and how many messages from the other member came after that.

#include "protocol/chat.h"

#include <QHash>
#include <QMutex>
#include <QPair>

class QThreadPool;

namespace sb {
class Database;
}

namespace sb::chat {

class ChatReads final
{
public:
    // Messages are counted up to this many per chat; a client shows more as "99+".
    static constexpr int kCountCap = protocol::chat::unreadCap;

    ChatReads(Database &db, QThreadPool &pool);
    Q_DISABLE_COPY_MOVE(ChatReads)

    // Thread-safe and never blocks: `memberId` has read chat `chatId` up to `messageId` (taken
    // down to the newest message of that chat at or below it). Marks only move forward; they
    // are merged and written on the pool, all that are pending in one commit.
    void markRead(qint64 chatId, qint64 memberId, qint64 messageId);
    // Blocking: for each member `memberId` has a chat with, the messages from them after what
    // `memberId` read (at most kCountCap). Members without such messages are left out.
    QHash<qint64, int> unread(qint64 memberId);
    // Blocking: writes the marks pending now.
    void flush();

private:
    Database &m_db;
    QThreadPool &m_pool;
    QMutex m_mutex;
    QHash<QPair<qint64, qint64>, qint64> m_pending;  // (chat, member) -> message id
    bool m_scheduled = false;
};

}  // namespace sb::chat

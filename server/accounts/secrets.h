#pragma once
// Password hashing (Argon2id via libsodium) and random tokens. Thread-safe, blocking:
// hashing takes tens of milliseconds and belongs on the blocking pool, not a worker.

#include <QByteArray>
#include <QString>

namespace sb::secrets {

bool initialize();  // sodium_init; idempotent

QByteArray hashPassword(const QString &password);  // "$argon2id$..." string, empty on failure
bool verifyPassword(const QString &password, const QByteArray &hash);
// Runs a verification against a fixed hash so that unknown emails cost the same time.
void burnVerification(const QString &password);

QString randomUuid();                   // RFC 4122 v4 from 122 random bits, lower case
QByteArray randomToken(int bytes, const QByteArray &prefix = {});  // prefix + base64url
QByteArray tokenDigest(const QByteArray &token);  // SHA-256, what the database stores

}  // namespace sb::secrets

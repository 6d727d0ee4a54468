#pragma once
// TLS material: loading a PEM certificate/key pair into a server configuration, and
// generating a self-signed pair (OpenSSL) for `switchboardd cert generate` and the GUI.

#include <QSslConfiguration>
#include <QString>
#include <QStringList>

#include <optional>

namespace sb {

std::optional<QSslConfiguration> loadServerTls(const QString &certificateFile, const QString &keyFile, QString *error);

struct GeneratedCertificate {
    QString certificateFile;
    QString keyFile;
    QString sha256Fingerprint;  // colon-separated hex
};

// Writes cert.pem and key.pem (mode 0600) into `directory`: EC P-256, valid 825 days,
// subject alternative names for localhost, this host's name and every address in `hosts`.
std::optional<GeneratedCertificate> generateSelfSigned(const QString &directory, const QStringList &hosts, QString *error);

}  // namespace sb

#include "tls.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QSslCertificate>
#include <QSslKey>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace sb {

std::optional<QSslConfiguration> loadServerTls(const QString &certificateFile, const QString &keyFile, QString *error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("%1: no PEM certificate could be read").arg(certificateFile);
        return std::nullopt;
    }
    QFile kf(keyFile);
    if (!kf.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read key: %2").arg(keyFile, kf.errorString());
        return std::nullopt;
    }
    const QByteArray pem = kf.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm alg : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa}) {
        key = QSslKey(pem, alg, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = QStringLiteral("%1: no unencrypted PEM private key (EC, RSA or DSA) could be read").arg(keyFile);
        return std::nullopt;
    }
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setLocalCertificateChain(chain);
    c.setPrivateKey(key);
    c.setPeerVerifyMode(QSslSocket::VerifyNone);
    c.setProtocol(QSsl::TlsV1_2OrLater);
    return c;
}

namespace {
struct Deleter {
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
    void operator()(GENERAL_NAMES *p) const { GENERAL_NAMES_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Deleter>;

QByteArray bioToBytes(BIO *bio)
{
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(n));
}
}  // namespace

namespace {

// Serial, validity (825 days, the most browsers accept), subject = issuer, public key.
void describe(X509 *cert, EVP_PKEY *key, const QByteArray &cn)
{
    X509_set_version(cert, 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 825L * 86400L);
    X509_set_pubkey(cert, key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("Switchboard"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_set_issuer_name(cert, name);
}

// A server certificate's extensions: every name and address it answers to, not a CA.
bool addExtensions(X509 *cert, const QStringList &names, QString *error)
{
    QStringList san;
    for (const QString &n : names)
        san.append((QHostAddress(n).isNull() ? QStringLiteral("DNS:") : QStringLiteral("IP:")) + n);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    const QByteArray sanText = san.join(QLatin1Char(',')).toUtf8();
    for (const auto &[nid, value] : std::initializer_list<std::pair<int, QByteArray>>{
             {NID_subject_alt_name, sanText},
             {NID_basic_constraints, "critical,CA:FALSE"},
             {NID_key_usage, "critical,digitalSignature,keyAgreement"},
             {NID_ext_key_usage, "serverAuth"}}) {
        X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData());
        if (!ext) {
            *error = QStringLiteral("OpenSSL rejected certificate extension %1").arg(QString::fromUtf8(value));
            return false;
        }
        X509_add_ext(cert, ext, -1);
        X509_EXTENSION_free(ext);
    }
    return true;
}

bool writeFile(const QString &path, const QByteArray &bytes, bool privateToOwner, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || (privateToOwner && !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) || f.write(bytes) < 0) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

}  // namespace

std::optional<GeneratedCertificate> generateSelfSigned(const QString &directory, const QStringList &hosts, QString *error)
{
    if (!QDir().mkpath(directory)) {
        *error = QStringLiteral("%1: cannot create directory").arg(directory);
        return std::nullopt;
    }
    Owned<EVP_PKEY> key(EVP_EC_gen("P-256"));
    Owned<X509> cert(X509_new());
    if (!key || !cert) {
        *error = QStringLiteral("OpenSSL could not create a key");
        return std::nullopt;
    }
    const QByteArray cn = QHostInfo::localHostName().toUtf8().isEmpty() ? QByteArray("switchboard") : QHostInfo::localHostName().toUtf8();
    describe(cert.get(), key.get(), cn);
    QStringList names = {QStringLiteral("localhost"), QString::fromUtf8(cn), QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    for (const QString &h : hosts) {
        if (!names.contains(h))
            names.append(h);
    }
    if (!addExtensions(cert.get(), names, error))
        return std::nullopt;
    if (!X509_sign(cert.get(), key.get(), EVP_sha256())) {
        *error = QStringLiteral("OpenSSL could not sign the certificate");
        return std::nullopt;
    }

    Owned<BIO> certBio(BIO_new(BIO_s_mem()));
    Owned<BIO> keyBio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(certBio.get(), cert.get());
    PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    GeneratedCertificate out;
    out.certificateFile = QDir(directory).filePath(QStringLiteral("cert.pem"));
    out.keyFile = QDir(directory).filePath(QStringLiteral("key.pem"));
    const QByteArray certPem = bioToBytes(certBio.get());
    if (!writeFile(out.keyFile, bioToBytes(keyBio.get()), true, error) || !writeFile(out.certificateFile, certPem, false, error))
        return std::nullopt;
    const QSslCertificate qc(certPem, QSsl::Pem);
    QStringList hex;
    for (char b : qc.digest(QCryptographicHash::Sha256))
        hex.append(QString::asprintf("%02X", static_cast<unsigned char>(b)));
    out.sha256Fingerprint = hex.join(QLatin1Char(':'));
    return out;
}

}  // namespace sb

#pragma once
// multipart/form-data bodies (RFC 7578). Pure parser over a complete body, any thread; fuzzed.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace sb {

struct MultipartPart {
    QByteArray name;         // form field name
    QByteArray filename;     // empty when the part is not a file
    QByteArray contentType;  // as sent, may be empty
    QByteArray data;
};

// The boundary parameter of a multipart/form-data Content-Type, or empty.
QByteArray multipartBoundary(QByteArrayView contentType);
std::optional<QList<MultipartPart>> parseMultipart(QByteArrayView body, QByteArrayView boundary, QString *error);

}  // namespace sb

// libFuzzer target: minifyJson (channel emit bodies) and readFlatJsonObject (chat texts).
// Whatever the bytes, no crash. What minifyJson accepts comes out no longer than it went in,
// is accepted again unchanged (minifying is idempotent), and Qt's parser reads an accepted
// object or array. What readFlatJsonObject accepts (valid UTF-8 only: it is given WebSocket
// text) Qt's parser reads as an object with exactly those members and values.
#include "wire/flatjson.h"
#include "wire/jsonminify.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

namespace {
void checkFlat(QByteArrayView input)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = utf8(input);
    if (utf8.hasError())
        return;
    (void)decoded;
    sb::FlatJsonObject members;
    if (!sb::readFlatJsonObject(input, members))
        return;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(input.toByteArray(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        abort();
    const QJsonObject o = doc.object();
    if (o.size() != members.size())
        abort();
    for (const sb::FlatJsonMember &m : members) {
        const QJsonValue v = o.value(QString::fromUtf8(m.key));
        if (!v.isString() || v.toString() != QString::fromUtf8(m.value))
            abort();
        if (sb::flatJsonValue(members, m.key) != m.value)
            abort();
    }
}
}  // namespace

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    checkFlat(input);
    QByteArray out;
    const sb::JsonMinifyResult r = sb::minifyJson(input, out);
    if (!r.ok) {
        if (!r.error || r.offset < 0 || r.offset > input.size())
            abort();
        return 0;
    }
    if (out.size() > input.size() || out.isEmpty())
        abort();
    QByteArray again;
    if (!sb::minifyJson(out, again).ok || again != out)
        abort();
    if (out.startsWith('{') || out.startsWith('[')) {
        QJsonParseError pe;
        QJsonDocument::fromJson(out, &pe);
        // Qt refuses only numbers it cannot hold as a double (and nesting beyond its limit).
        if (pe.error != QJsonParseError::NoError && pe.error != QJsonParseError::IllegalNumber
            && pe.error != QJsonParseError::DeepNesting)
            abort();
    }
    return 0;
}

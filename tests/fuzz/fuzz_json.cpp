// libFuzzer target: minifyJson (channel emit bodies). Whatever the bytes, no crash; what it
// accepts comes out no longer than it went in, is accepted again unchanged (minifying is
// idempotent), and Qt's parser reads an accepted object or array.
#include "wire/jsonminify.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
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

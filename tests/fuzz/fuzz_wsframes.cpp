// libFuzzer target: WsReader, the parser of every client frame on every service. The first
// byte sets how the bytes arrive (chunk size); the rest is the byte stream after the
// handshake. Whatever the bytes: no crash, nothing consumed beyond what was given, text
// messages valid UTF-8, control payloads at most 125 bytes, messages within the limit, and
// the same events whether the bytes arrive whole or in pieces.
#include "wire/utf8validator.h"
#include "wire/wsreader.h"

#include <QList>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {
constexpr qint64 kLimit = 4096;

struct Seen {
    int type;
    QByteArray payload;
    int code;
    bool operator==(const Seen &) const = default;
};

QList<Seen> run(const QByteArray &wire, qsizetype chunk)
{
    sb::WsReader reader(kLimit, 2 * kLimit);
    QList<Seen> out;
    QByteArray held;
    qsizetype fed = 0;
    while (fed < wire.size()) {
        const qsizetype n = qMin(chunk, wire.size() - fed);
        held += wire.mid(fed, n);
        fed += n;
        for (;;) {
            sb::WsEvent e;
            const qsizetype used = reader.next(held.data(), held.size(), e);
            if (used < 0 || used > held.size())
                abort();
            if (e.type == sb::WsEvent::NeedMore) {
                if (used != 0)
                    abort();
                break;
            }
            if (e.type == sb::WsEvent::Text && !sb::Utf8Validator::isValid(e.payload.data(), e.payload.size()))
                abort();
            if ((e.type == sb::WsEvent::Ping || e.type == sb::WsEvent::Pong) && e.payload.size() > 125)
                abort();
            if ((e.type == sb::WsEvent::Text || e.type == sb::WsEvent::Binary) && e.payload.size() > 2 * kLimit)
                abort();
            if (e.type == sb::WsEvent::Fail && (!e.reason || (e.code != 1002 && e.code != 1007 && e.code != 1009)))
                abort();
            if (e.type != sb::WsEvent::Frame)
                out.append({int(e.type), e.payload.toByteArray(), e.code});
            held.remove(0, used);
            if (e.type == sb::WsEvent::Fail)
                return out;
        }
    }
    return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype chunk = 1 + data[0] % 64;
    const QByteArray wire(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    const QList<Seen> whole = run(wire, qMax<qsizetype>(1, wire.size()));
    if (run(wire, chunk) != whole)
        abort();
    return 0;
}

#include "wsframe.h"

#include <QtEndian>

namespace sb::wsframe {

void writeHeader(char *out, Opcode opcode, quint64 payloadSize)
{
    out[0] = char(0x80 | opcode);  // FIN, no reserved bits
    if (payloadSize <= 125) {
        out[1] = char(payloadSize);
    } else if (payloadSize <= 0xFFFF) {
        out[1] = char(126);
        qToBigEndian<quint16>(quint16(payloadSize), out + 2);
    } else {
        out[1] = char(127);
        qToBigEndian<quint64>(payloadSize, out + 2);
    }
}

QByteArray frame(Opcode opcode, QByteArrayView payload)
{
    const int header = headerSize(quint64(payload.size()));
    QByteArray out(header + payload.size(), Qt::Uninitialized);
    writeHeader(out.data(), opcode, quint64(payload.size()));
    if (!payload.isEmpty())
        memcpy(out.data() + header, payload.data(), size_t(payload.size()));
    return out;
}

}  // namespace sb::wsframe

// libFuzzer target: multipart/form-data bodies. The first line of the input is taken as the
// Content-Type header, the rest as the body. No crash; parts never exceed the body.
#include "services/chat/multipart.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nl = input.indexOf('\n');
    const QByteArrayView type = nl < 0 ? input : input.first(nl);
    const QByteArrayView body = nl < 0 ? QByteArrayView() : input.sliced(nl + 1);
    const QByteArray boundary = sb::multipartBoundary(type);
    QString error;
    const auto parts = sb::parseMultipart(body, boundary, &error);
    if (parts) {
        qsizetype total = 0;
        for (const sb::MultipartPart &p : *parts) {
            if (p.name.isEmpty())
                abort();
            total += p.data.size();
        }
        if (total > body.size())
            abort();
    } else if (error.isEmpty()) {
        abort();
    }
    return 0;
}

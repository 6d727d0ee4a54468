// libFuzzer target: the strict request-head parser must never crash, read out of bounds,
// or report a head longer than its input, whatever the bytes.
#include "wire/httphead.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    sb::HttpRequestHead head;
    const sb::HeadParseResult r = sb::parseRequestHead(input, head, 4096);
    if (r.status == sb::HeadParseResult::Complete) {
        if (r.headLength <= 0 || r.headLength > input.size())
            abort();
        if (head.method.isEmpty() || !head.path.startsWith('/'))
            abort();
        // Accessors over whatever was parsed must be safe too.
        (void)head.headerHasToken("Connection", "upgrade");
        (void)head.queryItem("ticket");
        (void)sb::percentDecode(head.path);
    } else if (r.status == sb::HeadParseResult::Error) {
        if (r.httpStatus < 400 || r.reason.isEmpty())
            abort();
    }
    return 0;
}

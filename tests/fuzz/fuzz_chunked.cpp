// libFuzzer target: the chunked body decoder, fed the input in two pieces, must agree
// with itself fed whole, never exceed its body limit, and never consume past its input.
#include "wire/chunkeddecoder.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {
struct Outcome {
    sb::ChunkedDecoder::Result result;
    QByteArray body;
    qsizetype consumed;
};

Outcome run(QByteArrayView input, qsizetype split)
{
    sb::ChunkedDecoder d(1000);
    qsizetype total = 0;
    sb::ChunkedDecoder::Result r = sb::ChunkedDecoder::NeedMore;
    for (QByteArrayView part : {input.first(split), input.sliced(split)}) {
        if (r != sb::ChunkedDecoder::NeedMore)
            break;
        qsizetype used = 0;
        r = d.feed(part, used);
        if (used < 0 || used > part.size())
            abort();
        total += used;
    }
    if (d.body().size() > 1000)
        abort();
    return {r, d.body(), total};
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const Outcome whole = run(input, input.size());
    const Outcome halves = run(input, input.size() / 2);
    if (whole.result != halves.result)
        abort();
    if (whole.result == sb::ChunkedDecoder::Done && (whole.body != halves.body || whole.consumed != halves.consumed))
        abort();
    return 0;
}
